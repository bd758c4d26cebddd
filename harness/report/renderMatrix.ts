import { escapeHtml as h } from './escapeHtml';
import type { ReportResult } from './reportData';
import { type PageCall, renderChip } from './renderCalls';
import { formatCount } from './labels';

/**
 * At most this many chips are held at once while the matrix is written: the chips of the cell being
 * written go out as they come, those of the cells after it wait in memory until their turn.
 */
const HELD_CHIPS = 10_000;

/** Where each call goes in the matrix: its callers (rows), its columns, and the cell of every call. */
export interface MatrixLayout {
  callers: string[];
  columns: string[];
  /** Each call's cell (`row × columns + column`), by the call's number. */
  cellOf: number[];
  /** How many shown calls (chips) each cell holds. */
  counts: number[];
  /** How many passed calls each cell holds that the page does not show: counted, without a chip. */
  omitted: number[];
}

/**
 * Takes the calls one by one, in order, keeping only small numbers per call, and lays out the
 * matrix: a row per caller and a column per service, or per service and request (method and path)
 * when a service's calls vary them; both in the order they first appear.
 */
export function surveyMatrix() {
  const callers = new Map<string, number>();
  const requests = new Map<string, { service: string; request: string; index: number }>();
  const requestsOf = new Map<string, Set<string>>();
  const rowOf: number[] = [];
  const requestOf: number[] = [];
  const shownOf: boolean[] = [];
  return {
    /** The next call; `shown: false` for a passed call the page counts without showing it. */
    add(r: ReportResult, shown = true): void {
      shownOf.push(shown);
      const request = `${r.request.method} ${r.request.path}`;
      const key = JSON.stringify([r.service, request]);
      let known = requests.get(key);
      if (!known) {
        requests.set(key, (known = { service: r.service, request, index: requests.size }));
        const set = requestsOf.get(r.service) ?? new Set<string>();
        requestsOf.set(r.service, set.add(request));
      }
      if (!callers.has(r.caller)) callers.set(r.caller, callers.size);
      rowOf.push(callers.get(r.caller)!);
      requestOf.push(known.index);
    },
    layout(): MatrixLayout {
      const varies = (service: string) => requestsOf.get(service)!.size > 1;
      // Requests in the order they first appear: so are the columns they fall in.
      const columns = new Map<string, number>();
      const columnOfRequest: number[] = [];
      for (const { service, request } of requests.values()) {
        const column = varies(service) ? `${service} ${request}` : service;
        if (!columns.has(column)) columns.set(column, columns.size);
        columnOfRequest.push(columns.get(column)!);
      }
      const counts = new Array<number>(callers.size * columns.size).fill(0);
      const omitted = new Array<number>(counts.length).fill(0);
      const cellOf = rowOf.map((row, n) => row * columns.size + columnOfRequest[requestOf[n]]);
      for (const [n, cell] of cellOf.entries()) (shownOf[n] ? counts : omitted)[cell]++;
      return { callers: [...callers.keys()], columns: [...columns.keys()], cellOf, counts, omitted };
    },
  };
}

/**
 * Callers × services, each call a chip coloured by its outcome, expected against observed: written
 * cell by cell, each cell's chips in the calls' order, reading the calls again (`calls` is iterable
 * as often as asked) for each run of cells whose chips fit in `heldChips`. `calls` are the shown
 * calls; a cell that holds passed calls not shown says how many.
 */
export function renderMatrix(
  layout: MatrixLayout,
  calls: Iterable<PageCall>,
  write: (text: string) => void,
  heldChips = HELD_CHIPS,
): void {
  const { callers, columns, cellOf, counts, omitted } = layout;
  const head = columns.map((col) => `<th scope="col">${h(col)}</th>`).join('');
  write(`<table class="matrix"><thead><tr><th>caller \\ service</th>${head}</tr></thead>\n    <tbody>`);
  const open = (cell: number) => {
    const column = cell % columns.length;
    const row = (cell - column) / columns.length;
    write(`${column === 0 ? `${row > 0 ? '\n' : ''}<tr><th scope="row">${h(callers[row])}</th>` : ''}<td>`);
  };
  const close = (cell: number) => {
    const more =
      omitted[cell] > 0 ? `<span class="omitted">+ ${formatCount(omitted[cell])} passed not shown</span>` : '';
    write(`${more}</td>${cell % columns.length === columns.length - 1 ? '</tr>' : ''}`);
  };
  for (let first = 0; first < counts.length; ) {
    // This cell's chips are written as they come; the next cells' are held, up to `heldChips`.
    let end = first + 1;
    let held = 0;
    while (end < counts.length && held + counts[end] <= heldChips) held += counts[end++];
    const waiting = Array.from({ length: end - first - 1 }, () => [] as string[]);
    let left = counts[first] + held;
    open(first);
    if (left > 0) {
      for (const c of calls) {
        const cell = cellOf[c.n];
        if (cell < first || cell >= end) continue;
        if (cell === first) write(renderChip(c));
        else waiting[cell - first - 1].push(renderChip(c));
        if (--left === 0) break;
      }
    }
    close(first);
    for (const [i, chips] of waiting.entries()) {
      open(first + 1 + i);
      write(chips.join(''));
      close(first + 1 + i);
    }
    first = end;
  }
  write('</tbody></table>');
}
