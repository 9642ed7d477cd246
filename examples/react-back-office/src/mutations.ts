import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ifMatch, unwrap } from '@switchboard/client';
import { useSwitchboard } from '@switchboard/react-query';

type Versioned = { id: number; version: number };

/**
 * Delete a record as it was shown: If-Match carries the version the list showed, so deleting
 * something another user changed meanwhile is refused (412) rather than done blind. The list is
 * invalidated at once, so the row goes even if the socket is down; the server's event tells the
 * other users.
 */
export function useDelete(collection: 'employees' | 'services') {
  const sb = useSwitchboard();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (record: Versioned) => unwrap(sb.api.DELETE(`/api/${collection}/{id}`, {
      params: { path: { id: record.id } },
      headers: ifMatch(record),
    })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [collection] }),
  });
}
