import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export function useMeta() {
  return useQuery({
    queryKey: ['meta'],
    queryFn: () => call(api.GET('/v1/meta')),
    staleTime: 5 * 60_000,
  });
}
