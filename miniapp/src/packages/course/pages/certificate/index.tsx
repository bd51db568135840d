/**
 * 培训证书: the holder by name, the course, the credit hours, the date in the enterprise's time
 * zone, the certificate number and the enterprise — and 保存图片, which draws the same on a canvas
 * (the photo album in the mini-program, a PNG download in the browser).
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { OpenDataName, useStandInName } from '../../../../components/open-data-name';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { displayMessage } from '../../../../lib/api-error';
import { certificateText, CERT_HEIGHT, CERT_WIDTH, drawCertificate } from '../../../../lib/certificate';
import { saveDrawing } from '../../../../platform/save-image';
import { certificate } from '../../../../services/records';
import { names } from '../../../../services/open-data';
import './index.css';

export default function CertificatePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const cert = useRequest(() => certificate(id), [id]);
  const c = cert.data;
  // The canvas cannot hold the host's drawn name: it draws the stand-in's, where there is one.
  const standIn = useStandInName(names, c && !c.holder ? c.holderHostUserId : null);
  const [saving, setSaving] = useState(false);
  const text = c ? certificateText(c, standIn) : null;

  const save = async () => {
    if (!c) return;
    setSaving(true);
    try {
      await saveDrawing(CERT_WIDTH, CERT_HEIGHT, (ctx) => drawCertificate(ctx, c, standIn), `证书-${c.course}-${c.verificationCode}.png`);
      Taro.showToast({ title: '图片已保存', icon: 'success' });
    } catch (err) {
      Taro.showToast({ title: displayMessage(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='qx-page' data-testid='certificate'>
      <StateView loading={cert.loading} error={cert.error} onRetry={cert.reload}>
        {c && text ? (
          <>
            <View className='qx-cert'>
              <Text className='qx-cert__title'>{text.title}</Text>
              <OpenDataName className='qx-cert__holder' hostUserId={c.holderHostUserId} name={c.holder} />
              <Text className='qx-cert__body' data-testid='certificate-course'>{`已完成《${c.course}》课程的全部学习，考核合格，特发此证。`}</Text>
              {text.hours ? <Text className='qx-cert__line' data-testid='certificate-hours'>{text.hours}</Text> : null}
              <View className='qx-cert__foot'>
                <Text className='qx-cert__line'>{text.issuer}</Text>
                <Text className='qx-cert__line' data-testid='certificate-date'>{text.date}</Text>
              </View>
              <Text className='qx-cert__number' data-testid='certificate-number'>{text.number}</Text>
            </View>
            <Button className='qx-btn qx-btn--primary qx-section' data-testid='save-certificate' disabled={saving} onClick={save}>
              {saving ? '正在生成图片…' : '保存图片'}
            </Button>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
