/**
 * Loading, error and empty states for every page: errors show the server's message and offer a
 * retry (an expired session goes to sign-in, once); nothing spins forever because every request
 * has a timeout.
 */
import { useEffect, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { PagedList } from '../hooks/use-paged-list';
import { ApiError, displayMessage } from '../lib/api-error';
import { signInAgain } from '../hooks/use-signed-in';
import { go, routes } from '../lib/routes';
import './state-view.css';

interface Props {
  loading?: boolean;
  error?: unknown;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

export function StateView({ loading, error, empty, emptyText = '暂无内容', onRetry, children }: Props) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (loading) {
    return (
      <View className='qx-state qx-state--loading'>
        <Text className='qx-state__text'>加载中…</Text>
      </View>
    );
  }
  if (empty) {
    return (
      <View className='qx-state qx-state--empty'>
        <Text className='qx-state__text'>{emptyText}</Text>
      </View>
    );
  }
  return <>{children}</>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const signIn = error instanceof ApiError && error.isUnauthenticated;
  useEffect(() => {
    if (signIn) signInAgain();
  }, [signIn]);
  if (signIn) {
    return (
      <View className='qx-state qx-state--error'>
        <Text className='qx-state__text'>登录已过期，正在前往登录…</Text>
      </View>
    );
  }
  if (error instanceof ApiError && error.code === 'agreement_required') {
    return (
      <View className='qx-state qx-state--error' data-testid='agreement-required'>
        <Text className='qx-state__text'>用户协议或隐私政策已更新，请先阅读并同意</Text>
        <Button className='qx-btn qx-btn--primary' size='mini' onClick={() => go(routes.agreements)}>
          去查看
        </Button>
      </View>
    );
  }
  return (
    <View className='qx-state qx-state--error'>
      <Text className='qx-state__text qx-error-message'>{displayMessage(error)}</Text>
      {onRetry ? (
        <Button className='qx-btn' size='mini' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

/** The end of a paginated list: load more, loading, the end, or an error with retry. */
export function ListFooter({ status, hasMore, error, onMore }: { status: string; hasMore: boolean; error: unknown; onMore: () => void }) {
  if (status === 'loading-more') return <View className='qx-list-footer'>加载中…</View>;
  if (status === 'error' && error) {
    return (
      <View className='qx-list-footer qx-error-message' onClick={onMore}>
        {displayMessage(error)}，点击重试
      </View>
    );
  }
  if (hasMore) {
    return (
      <View className='qx-list-footer qx-list-footer--more' onClick={onMore}>
        加载更多
      </View>
    );
  }
  return <View className='qx-list-footer'>没有更多了</View>;
}

/** A paginated list from `usePagedList`: its loading, error and empty states, the items, then the footer. */
export function PagedListView<T>({ list, emptyText, children }: { list: PagedList<T>; emptyText?: string; children?: ReactNode }) {
  return (
    <StateView loading={list.view === 'loading'} error={list.view === 'error' ? list.error : null} onRetry={list.reload} empty={list.view === 'empty'} emptyText={emptyText}>
      {children}
      <ListFooter status={list.status} hasMore={list.hasMore} error={list.error} onMore={list.loadMore} />
    </StateView>
  );
}
