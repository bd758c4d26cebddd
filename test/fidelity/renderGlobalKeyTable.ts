import { GLOBAL_CONDITION_KEYS } from '../../policy';

/** The table of docs/request-context.md, rendered from GLOBAL_CONDITION_KEYS (the doc must hold it verbatim). */
export function renderGlobalKeyTable(): string {
  const head = ['| key | Invoke | AssumeRole | value | source |', '|---|---|---|---|---|'];
  const anchor = (url: string) => {
    const hash = url.indexOf('#');
    return `[${hash === -1 ? 'page' : url.slice(hash + 1)}](${url})`;
  };
  const rows = GLOBAL_CONDITION_KEYS.map(
    (r) => `| \`${r.key}\` | ${r.invoke} | ${r.assumeRole} | ${r.value} | ${anchor(r.source)} |`,
  );
  return [...head, ...rows].join('\n');
}
