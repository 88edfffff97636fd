'use client';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { AudiencePage, Participant, StageKitError } from '../core/index.js';
import { callLoadKey } from './call-query-key.js';
import { useCallFor } from './context.js';
import { useHasCapability } from './useCapabilities.js';
import { useParticipantCount } from './useParticipantCount.js';

export interface UseAudienceOptions {
  /** Finds participants whose name or id contains it, ignoring case. */
  search?: string;
  /** Participants per page (default 50, at most 200). */
  pageSize?: number;
  /** Loaded pages are fetched again when the count changes, at most this often (ms; default 2 s). */
  refreshMs?: number;
}

export interface UseAudienceResult {
  /** The pages loaded so far, in name order. */
  participants: readonly Participant[];
  /** How many match the search in all; null before the first page. */
  total: number | null;
  hasMore: boolean;
  loadMore(): void;
  isLoading: boolean;
  isLoadingMore: boolean;
  error: StageKitError | null;
  /** False for users without `manage-stage`: nothing is asked of the server. */
  enabled: boolean;
}

const NONE: Participant[] = [];

/**
 * The audience, a page at a time, for those who manage the stage: an infinite query over
 * `call.queryAudience`, refreshed as the count changes. A host's browser holds the pages it
 * loaded, never the whole crowd.
 */
export function useAudience({ search = '', pageSize = 50, refreshMs = 2_000 }: UseAudienceOptions = {}): UseAudienceResult {
  const call = useCallFor('useAudience');
  const enabled = useHasCapability('manage-stage');
  const count = useParticipantCount();
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => [...callLoadKey(call), 'audience', search.trim(), pageSize], [call, search, pageSize]);
  const query = useInfiniteQuery<AudiencePage, StageKitError>({
    queryKey,
    enabled,
    initialPageParam: null,
    queryFn: ({ pageParam }) =>
      call.queryAudience({
        ...(search.trim() && { q: search.trim() }),
        ...(typeof pageParam === 'string' && { after: pageParam }),
        limit: pageSize,
      }),
    getNextPageParam: (last) => last.next,
  });

  // The crowd moves on: pages are fetched again when the count changes, not more than every refreshMs.
  const lastRefresh = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const wait = lastRefresh.current + refreshMs - Date.now();
    const refresh = () => {
      lastRefresh.current = Date.now();
      void queryClient.invalidateQueries({ queryKey, exact: true });
    };
    if (wait <= 0) {
      if (lastRefresh.current !== 0) refresh();
      else lastRefresh.current = Date.now();
      return;
    }
    const timer = setTimeout(refresh, wait);
    return () => clearTimeout(timer);
    // `count` is what the effect follows: each change of it is a reason to refresh.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [count, enabled, queryClient, queryKey, refreshMs]);

  const participants = useMemo(() => query.data?.pages.flatMap((page) => page.participants) ?? NONE, [query.data]);
  return {
    participants,
    total: query.data?.pages[0]?.total ?? null,
    hasMore: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
    isLoading: enabled && query.isPending,
    isLoadingMore: query.isFetchingNextPage,
    error: query.error,
    enabled,
  };
}
