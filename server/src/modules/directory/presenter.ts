/**
 * What admins see of a department. Third-party apps get no department names from WeCom: `name` is
 * null for synced departments and the client renders `hostDeptId` with the host's open-data component.
 */
export const departmentSelect = { id: true, hostDeptId: true, parentId: true, name: true, path: true, sortOrder: true } as const;

export function presentDepartment(d: { id: string; hostDeptId: string | null; parentId: string | null; name: string | null; path: string; sortOrder: number }) {
  return {
    id: d.id,
    hostDeptId: d.hostDeptId,
    parentId: d.parentId,
    name: d.name,
    // Ancestors from the top, this department last.
    path: d.path.split('/').filter(Boolean),
    sortOrder: d.sortOrder,
  };
}
