import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/ipc/errors';
import { LABEL_CONDITIONS, labelLayouts, renderCartonLabels, renderFnskuLabels, type CartonLabelBox } from '../labels';

/** Exit code for a command line that cannot be run as written (nothing is written). */
export const BAD_ARGUMENTS = 2;

export function labelsUsage(): string {
  const layouts = labelLayouts.map((l) => `    ${l.name.padEnd(16)} ${l.kind.padEnd(7)} ${l.description}${l.cells > 1 ? ` — ${l.cells} per page` : ''}`).join('\n');
  return `usage: npm run cli -- labels <fnsku|carton> [options]
  labels fnsku --fnsku CODE --title TEXT --layout NAME --copies N --out FILE.pdf
               [--condition ${LABEL_CONDITIONS.join('|')}] [--language zh-CN|en] [--start CELL]
                                      FNSKU unit labels (--start: first free cell of a partly used sheet)
  labels carton --shipment FBA… --box N|N-M --of COUNT --layout NAME --out FILE.pdf
               [--name SHIPMENT-NAME] [--from LINE]… [--fc CODE] [--to LINE]…
               [--weight-kg KG --marketplace ID]
                                      carton marks, one page per box; --from/--to repeat per address line;
                                      the weight and marketplace decide team-lift / heavy-package marks
layouts:
${layouts}
Bad arguments print the problem and exit ${BAD_ARGUMENTS} without writing a file.`;
}

class UsageError extends Error {}

const integer = (name: string, raw: string | undefined, min: number): number => {
  if (raw === undefined) throw new UsageError(`--${name} is required`);
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${raw}")`);
  return Number(raw);
};
const required = (name: string, raw: string | undefined): string => {
  if (raw === undefined || raw === '') throw new UsageError(`--${name} is required`);
  return raw;
};

function layoutOf(kind: 'fnsku' | 'carton', raw: string | undefined): string {
  const name = required('layout', raw);
  if (!labelLayouts.some((l) => l.name === name && l.kind === kind)) {
    throw new UsageError(`--layout "${name}" is not a ${kind} layout; use one of ${labelLayouts.filter((l) => l.kind === kind).map((l) => l.name).join(', ')}`);
  }
  return name;
}

function boxRange(raw: string | undefined, of: number): number[] {
  const text = required('box', raw);
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  const from = Number(m?.[1]);
  const to = Number(m?.[2] ?? m?.[1]);
  if (!m || from < 1 || to < from) throw new UsageError(`--box must be a box number or a range like 1-${of} (got "${text}")`);
  if (to > of) throw new UsageError(`--box ${to} is beyond --of ${of}`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function outFile(raw: string | undefined): string {
  const out = required('out', raw);
  if (!out.toLowerCase().endsWith('.pdf')) throw new UsageError('--out must name a .pdf file');
  if (!fs.existsSync(path.dirname(path.resolve(out)))) throw new UsageError(`the folder of --out does not exist: ${path.dirname(out)}`);
  return out;
}

const argsOf = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      out: { type: 'string' },
      layout: { type: 'string' },
      fnsku: { type: 'string' },
      title: { type: 'string' },
      copies: { type: 'string' },
      condition: { type: 'string' },
      language: { type: 'string' },
      start: { type: 'string' },
      shipment: { type: 'string' },
      name: { type: 'string' },
      box: { type: 'string' },
      of: { type: 'string' },
      from: { type: 'string', multiple: true },
      fc: { type: 'string' },
      to: { type: 'string', multiple: true },
      'weight-kg': { type: 'string' },
      marketplace: { type: 'string' },
    },
  });

async function fnsku(values: ReturnType<typeof argsOf>['values']) {
  const layout = layoutOf('fnsku', values.layout);
  const out = outFile(values.out);
  const language = values.language ?? 'zh-CN';
  if (language !== 'zh-CN' && language !== 'en') throw new UsageError('--language must be zh-CN or en');
  const condition = values.condition ?? 'new';
  if (!(LABEL_CONDITIONS as readonly string[]).includes(condition)) throw new UsageError(`--condition must be one of ${LABEL_CONDITIONS.join(', ')}`);
  const copies = integer('copies', values.copies ?? '1', 1);
  const pdf = await renderFnskuLabels(
    [{ fnsku: required('fnsku', values.fnsku), title: values.title ?? '', copies, condition: condition as (typeof LABEL_CONDITIONS)[number] }],
    { layout: layout as never, language, ...(values.start !== undefined ? { startPosition: integer('start', values.start, 1) } : {}) },
  );
  return { out, pdf, summary: { labels: copies, layout } };
}

async function carton(values: ReturnType<typeof argsOf>['values']) {
  const layout = layoutOf('carton', values.layout);
  const out = outFile(values.out);
  const of = integer('of', values.of, 1);
  const boxes = boxRange(values.box, of);
  let weight: CartonLabelBox['weight'];
  if (values['weight-kg'] !== undefined) {
    const kg = Number(values['weight-kg']);
    if (!Number.isFinite(kg) || kg <= 0) throw new UsageError(`--weight-kg must be a positive number (got "${values['weight-kg']}")`);
    if (!values.marketplace) throw new UsageError('--weight-kg needs --marketplace: the marks differ (US: team lift over 50 lb; Europe: heavy package from 15 kg)');
    weight = { value: kg, unit: 'KG' };
  }
  const pdf = await renderCartonLabels(
    boxes.map((n) => ({
      shipmentId: required('shipment', values.shipment),
      ...(values.name ? { shipmentName: values.name } : {}),
      boxNumber: n,
      boxCount: of,
      shipFrom: values.from ?? [],
      shipTo: { ...(values.fc ? { fulfillmentCenterId: values.fc } : {}), lines: values.to ?? [] },
      ...(values.marketplace ? { marketplaceId: values.marketplace } : {}),
      ...(weight ? { weight } : {}),
    })),
    { layout: layout as never },
  );
  return { out, pdf, summary: { boxes: boxes.length, layout } };
}

/** `labels …`: renders to a PDF file; prints `{ out, pages…}` as JSON. Exit 0, 2 for bad arguments, 1 otherwise. */
export async function runLabelsCommand(argv: string[], io: { log(s: string): void; error(s: string): void } = console): Promise<number> {
  let parsed: ReturnType<typeof argsOf>;
  try {
    parsed = argsOf(argv);
  } catch (err) {
    io.error(`error: ${(err as Error).message}\n\n${labelsUsage()}`);
    return BAD_ARGUMENTS;
  }
  const sub = parsed.positionals[0];
  if (parsed.values.help || !sub) {
    io.log(labelsUsage());
    return parsed.values.help ? 0 : BAD_ARGUMENTS;
  }
  try {
    if (sub !== 'fnsku' && sub !== 'carton') throw new UsageError(`unknown labels command "${sub}" (fnsku or carton)`);
    const { out, pdf, summary } = sub === 'fnsku' ? await fnsku(parsed.values) : await carton(parsed.values);
    fs.writeFileSync(out, pdf);
    io.log(JSON.stringify({ out: path.resolve(out), bytes: pdf.length, ...summary }));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.error(`error: ${err.message}\nrun "npm run cli -- labels --help" for the options and layouts`);
      return BAD_ARGUMENTS;
    }
    if (err instanceof AppError && err.code === 'invalid-input') {
      const { field, path: at, reason } = err.params;
      io.error(`error: invalid ${String(at ?? field).replace(/^\d+\./, '')} (${String(reason)})\nrun "npm run cli -- labels --help" for the options and layouts`);
      return BAD_ARGUMENTS;
    }
    throw err;
  }
}
