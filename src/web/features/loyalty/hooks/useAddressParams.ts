import { useSearchParams } from 'react-router';

/**
 * The dashboard's choices as they stand in the address, and a way to change some of them:
 * an empty value drops the parameter, so defaults keep the address short. Changes replace the
 * current history entry rather than adding one per click.
 */
export function useAddressParams() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) {
            next.set(k, v);
          } else {
            next.delete(k);
          }
        }
        return next;
      },
      { replace: true },
    );
  return [params, set] as const;
}
