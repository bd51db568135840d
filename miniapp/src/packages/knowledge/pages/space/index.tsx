/** A knowledge space: its folder/document tree; folders open in place, documents open the reader. */
import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { go, routes } from '../../../../lib/routes';
import { nest, toggle, visibleRows, type TreeNode } from '../../../../lib/tree';
import { spaceTree } from '../../../../services/knowledge';

export default function Space() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const tree = useRequest(() => spaceTree(id), [id]);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const rows = useMemo(() => visibleRows(nest((tree.data?.items ?? []) as TreeNode[]), open), [tree.data, open]);
  const title = tree.data?.space.name ?? (params.name ? decodeURIComponent(params.name) : '');
  useEffect(() => {
    if (title) Taro.setNavigationBarTitle({ title });
  }, [title]);
  return (
    <View className='qx-page' data-testid='space'>
      <StateView loading={tree.loading} error={tree.error} onRetry={tree.reload} empty={rows.length === 0} emptyText='这个空间还没有文档'>
        {rows.map(({ node, depth, open: isOpen }) => (
          <View
            key={node.id}
            className='qx-card qx-row'
            style={{ marginLeft: `${depth * 32}px` }}
            data-testid={node.kind === 'folder' ? 'tree-folder' : 'tree-doc'}
            onClick={() => (node.kind === 'folder' ? setOpen(toggle(open, node.id)) : go(routes.doc, { id: node.id }))}
          >
            <Text className='qx-card__title'>{`${node.kind === 'folder' ? (isOpen ? '📂' : '📁') : '📄'} ${node.title}`}</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
