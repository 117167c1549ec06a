import { describe, expect, it } from 'vitest';
import { code128BWidths } from '../../shared/code128';
import { labelLayouts as mainLayouts } from '../../main/labels/label-layouts';
import { code128BWidths as mainWidths } from '../../main/labels/code128';
import { cartonPreview, firstSheet, fnskuPreview, pagesFor, QUIET_MODULES, wrapTitle } from '../../renderer/screens/fba/label-preview';
import { bestOptions, byDecision, netFeeMinor } from '../../renderer/screens/fba/placement-compare';
import { checkEntry } from '../../renderer/screens/fba/box-entry';
import { splitBoxes } from '../../main/services/fba-inbound/label-data';

const layout = (name: string) => {
  const l = mainLayouts.find((x) => x.name === name);
  if (!l) throw new Error(name);
  return l;
};

/** Reads the bars back: widths in modules, bar/space alternating, as a scanner would measure them. */
function readBack(bars: { x: number; width: number }[], module: number): number[] {
  const widths: number[] = [];
  bars.forEach((b, i) => {
    if (i > 0) widths.push(Math.round((b.x - (bars[i - 1]!.x + bars[i - 1]!.width)) / module));
    widths.push(Math.round(b.width / module));
  });
  return widths;
}

describe('label preview', () => {
  it('draws the FNSKU bars exactly as the PDF encoder encodes them, centred on the label', () => {
    const l = layout('thermal-57x32');
    const model = fnskuPreview(l, { fnsku: 'X00ABCD123', title: '陶瓷马克杯 Ceramic mug 350 ml', condition: '全新' });
    expect(readBack(model.bars, l.module)).toEqual(code128BWidths('X00ABCD123'));
    const left = model.bars[0]!.x;
    const right = model.width - (model.bars.at(-1)!.x + model.bars.at(-1)!.width);
    expect(Math.abs(left - right)).toBeLessThan(0.01);
    expect(model.width / model.height).toBeCloseTo(2.25 / 1.25, 3);
    expect(model.texts.map((t) => t.text)).toContain('X00ABCD123');
    expect(model.texts.at(-1)!.text).toBe('全新');
    expect(model.overflows).toBe(false);
  });

  it('keeps every layout at its stock\'s physical aspect ratio and flags a code too wide for the label', () => {
    for (const l of mainLayouts.filter((x) => x.kind === 'fnsku')) {
      const model = fnskuPreview(l, { fnsku: 'X00ABCD123', title: 't', condition: 'New' });
      expect(model.width / model.height, l.name).toBeCloseTo(l.label.width / l.label.height, 6);
      expect(model.overflows, l.name).toBe(false);
    }
    // 40 characters at a thermal module: far wider than a 57 mm roll label with its quiet zones.
    const l = layout('thermal-57x32');
    const long = fnskuPreview(l, { fnsku: 'X'.repeat(40), title: '', condition: '' });
    const width = code128BWidths('X'.repeat(40)).reduce((a, b) => a + b, 0) * l.module;
    expect(width + 2 * QUIET_MODULES * l.module).toBeGreaterThan(l.label.width);
    expect(long.overflows).toBe(true);
  });

  it('draws a carton mark with the box id bars, box N of M and one black band per handling mark', () => {
    const l = layout('carton-4x6');
    const model = cartonPreview(l, {
      boxId: 'FBA15ABCDEFGU000002',
      boxNumber: 2,
      boxCount: 3,
      shipmentLine: 'FBA15ABCDEFG · plan-ONT8',
      shipFrom: ['Li Wei', '88 Bantian Rd', 'Shenzhen 518129', 'CN'],
      shipTo: { fulfillmentCenterId: 'ONT8', lines: ['24208 San Michele Rd', 'Moreno Valley CA 92551', 'US'] },
      weightText: '24.0 kg',
      marks: ['TEAM LIFT 需两人搬运'],
      headings: { from: 'FROM', to: 'TO', box: 'Box 2 of 3', weight: 'Weight', uncovered: 'x' },
    });
    expect(readBack(model.bars, l.module)).toEqual(code128BWidths('FBA15ABCDEFGU000002'));
    expect(model.width / model.height).toBeCloseTo(4 / 6, 6);
    expect(model.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['FBA15ABCDEFGU000002', 'Box 2 of 3', 'ONT8', 'Weight 24.0 kg']));
    expect(model.bands).toHaveLength(1);
    // Everything stays on the label.
    for (const t of model.texts) expect(t.y, t.text).toBeLessThanOrEqual(model.height);
  });

  it('cuts a long title to two lines with an ellipsis, CJK counted double', () => {
    expect(wrapTitle('abcdefghij', 4, 2)).toEqual(['abcd', 'efg…']);
    expect(wrapTitle('陶瓷马克杯', 4, 2)).toEqual(['陶瓷', '马…']);
    expect(wrapTitle('陶瓷马克', 4, 2)).toEqual(['陶瓷', '马克']);
    expect(wrapTitle('mug', 10, 2)).toEqual(['mug']);
  });

  it('shows the first sheet from the start position and counts sheets as the PDF will', () => {
    const a4 = layout('a4-24up');
    const sheet = firstSheet(a4, 30, 5);
    expect(sheet.cells.filter((c) => c.state === 'skipped')).toHaveLength(4);
    expect(sheet.cells.filter((c) => c.state === 'printed')).toHaveLength(20);
    expect(sheet.sheets).toBe(2);
    expect(pagesFor(a4, 30, 5)).toBe(2);
    expect(pagesFor(a4, 20, 5)).toBe(1);
    expect(pagesFor(a4, 21, 5)).toBe(2);
    expect(pagesFor(layout('thermal-50x30'), 17)).toBe(17);
    expect(pagesFor(layout('letter-30up'), 0)).toBe(0);
    // Cells sit where main's layout puts them: the second row starts one pitch down.
    expect(sheet.cells[3]!.y - sheet.cells[0]!.y).toBeCloseTo(a4.pitch.y, 6);
  });

  it('uses the same encoder in main and shared (moved, not copied)', () => {
    expect(mainWidths('FBA15ABCDEFGU000001')).toEqual(code128BWidths('FBA15ABCDEFGU000001'));
  });
});

describe('placement options', () => {
  const usd = (minor: number) => ({ minor, currency: 'USD' });
  const options = [
    { id: 'a', shipmentCount: 3, fee: null, discount: null },
    { id: 'b', shipmentCount: 1, fee: usd(4500), discount: usd(500) },
    { id: 'c', shipmentCount: 2, fee: usd(1200), discount: null },
  ];

  it('marks the cheapest after discount and the fewest shipments, and orders by fee then shipments', () => {
    expect(options.map(netFeeMinor)).toEqual([0, 4000, 1200]);
    const best = bestOptions(options);
    expect([...best.cheapest]).toEqual(['a']);
    expect([...best.fewest]).toEqual(['b']);
    expect([...options].sort(byDecision).map((o) => o.id)).toEqual(['a', 'c', 'b']);
  });

  it('lets ties all win', () => {
    const best = bestOptions([...options, { id: 'd', shipmentCount: 1, fee: null, discount: null }]);
    expect([...best.cheapest].sort()).toEqual(['a', 'd']);
    expect([...best.fewest].sort()).toEqual(['b', 'd']);
  });
});

describe('box entry', () => {
  const US = 'ATVPDKIKX0DER';
  const DE = 'A1PA6795UKMFR9';
  const entry = (length: string, width: string, height: string, weight: string, marksConfirmed = false) => ({ length, width, height, weight, marksConfirmed });

  it('refuses a 26 in side at that field, with the limit and the value', () => {
    const v = checkEntry(entry('26', '12', '10', '20'), US, 'in-lb');
    expect(v.problems).toEqual({ length: { reason: 'box-side-too-long', limit: 25, actual: 26, unit: 'in' } });
    expect(v.values).toBeNull();
    expect(checkEntry(entry('25', '12', '10', '20'), US, 'in-lb').values).toEqual({ lengthMm: 635, widthMm: 305, heightMm: 254, weightG: 9072, marksConfirmed: false });
  });

  it('refuses 51 lb at the weight field and asks for the team-lift mark above 50 lb until confirmed', () => {
    expect(checkEntry(entry('20', '12', '10', '51'), US, 'in-lb').problems.weight).toEqual({ reason: 'box-too-heavy', limit: 50, actual: 51, unit: 'lb' });
    // A 16 kg box in Europe needs the heavy-package mark; confirmed, it is accepted.
    const heavy = checkEntry(entry('60', '40', '40', '16'), DE, 'cm-kg');
    expect(heavy.marks).toEqual(['heavy-package']);
    expect(heavy.problems).toEqual({ marks: { reason: 'box-mark-required' } });
    expect(checkEntry(entry('60', '40', '40', '16', true), DE, 'cm-kg').values).toEqual({ lengthMm: 600, widthMm: 400, heightMm: 400, weightG: 16000, marksConfirmed: true });
  });

  it('waits for empty fields until submit, and reads a decimal comma', () => {
    expect(checkEntry(entry('', '', '', ''), US, 'in-lb').problems).toEqual({});
    expect(Object.keys(checkEntry(entry('', '', '', ''), US, 'in-lb', true).problems).sort()).toEqual(['height', 'length', 'weight', 'width']);
    expect(checkEntry(entry('40,5', '30', '20', '7,25'), DE, 'cm-kg').values).toMatchObject({ lengthMm: 405, weightG: 7250 });
    expect(checkEntry(entry('0', '-3', 'x', '1'), US, 'in-lb').problems).toMatchObject({ length: { reason: 'box-dimension-invalid' }, width: { reason: 'box-dimension-invalid' }, height: { reason: 'box-dimension-invalid' } });
  });
});

describe('carton marks per shipment', () => {
  const c = (entries: [string, number][]) => new Map(entries);

  it('finds which boxes Amazon placed in each shipment, backing out of a first fit that leaves a box nowhere to go', () => {
    // Largest first puts the 3 into the 4-unit shipment, after which the three 2s cannot be placed.
    const boxes = [1, 2, 3, 4].map((id, i) => ({ id, items: c([['A', i === 0 ? 3 : 2]]) }));
    const split = splitBoxes(boxes, [
      { id: 10, items: c([['A', 4]]) },
      { id: 11, items: c([['A', 5]]) },
    ]);
    expect(split).not.toBeNull();
    expect(split!.get(11)).toContain(1);
    expect(split!.get(10)).toHaveLength(2);
    expect(split!.get(11)).toHaveLength(2);
  });

  it('keeps mixed boxes whole and answers null when no exact split exists', () => {
    const boxes = [
      { id: 1, items: c([['A', 5], ['B', 5]]) },
      { id: 2, items: c([['A', 10]]) },
    ];
    expect(splitBoxes(boxes, [{ id: 7, items: c([['A', 10]]) }, { id: 8, items: c([['A', 5], ['B', 5]]) }])).toEqual(new Map([[7, [2]], [8, [1]]]));
    expect(splitBoxes(boxes, [{ id: 7, items: c([['A', 8], ['B', 5]]) }, { id: 8, items: c([['A', 7]]) }])).toBeNull();
  });
});
