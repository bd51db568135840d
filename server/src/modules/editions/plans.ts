/**
 * What each edition includes (seed 002 §2.2.6): quotas and features. The one table the gates
 * (gate.ts), the admin's edition page, staff and the README read; a change here is a product change.
 * `null` is "no limit".
 */
export type Edition = 'basic' | 'pro' | 'private';
export type Quota = 'members' | 'storageBytes' | 'spaces' | 'examsPerMonth';
export type Feature = 'openApi' | 'community' | 'regulatorExport';

export interface Plan {
  quotas: Record<Quota, number | null>;
  features: Record<Feature, boolean>;
}

const GiB = 1024 ** 3;

export const PLANS: Record<Edition, Plan> = {
  basic: {
    quotas: { members: 200, storageBytes: 2 * GiB, spaces: 5, examsPerMonth: 20 },
    features: { openApi: false, community: false, regulatorExport: false },
  },
  pro: {
    quotas: { members: 10_000, storageBytes: 500 * GiB, spaces: 200, examsPerMonth: 1_000 },
    features: { openApi: true, community: true, regulatorExport: true },
  },
  private: {
    quotas: { members: null, storageBytes: null, spaces: null, examsPerMonth: null },
    features: { openApi: true, community: true, regulatorExport: true },
  },
};

export const EDITION_NAMES: Record<Edition, string> = { basic: '基础版 basic', pro: '专业版 pro', private: '私有部署版 private' };

/** Names people read in a refusal: Chinese / English. */
export const QUOTA_NAMES: Record<Quota, [string, string]> = {
  members: ['成员数', 'members'],
  storageBytes: ['存储空间（字节）', 'storage (bytes)'],
  spaces: ['知识库数量', 'knowledge spaces'],
  examsPerMonth: ['每月新建考试数', 'exams created per month'],
};

export const FEATURE_NAMES: Record<Feature, [string, string]> = {
  openApi: ['开放接口', 'the open API'],
  community: ['社区', 'the community'],
  regulatorExport: ['监管报送导出', 'the regulator export'],
};
