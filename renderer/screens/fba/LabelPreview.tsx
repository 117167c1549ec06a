import { Box } from '@mui/material';
import type { CellState, LabelPreviewModel } from './label-preview';

/** A label drawn at its physical aspect ratio, scaled to fit `maxWidth` × `maxHeight` pixels. */
export function LabelPreview({ model, maxWidth, maxHeight, testId }: { model: LabelPreviewModel; maxWidth: number; maxHeight: number; testId: string }) {
  const scale = Math.min(maxWidth / model.width, maxHeight / model.height);
  return (
    <Box
      component="svg"
      viewBox={`0 0 ${model.width} ${model.height}`}
      width={Math.round(model.width * scale)}
      height={Math.round(model.height * scale)}
      data-testid={testId}
      data-aspect={(model.width / model.height).toFixed(3)}
      sx={{ bgcolor: '#fff', border: '1px solid', borderColor: model.overflows ? 'error.main' : 'grey.400', boxShadow: 1, display: 'block' }}
    >
      {model.bars.map((b, i) => (
        <rect key={`b${i}`} x={b.x} y={b.y} width={b.width} height={b.height} fill="#000" />
      ))}
      {model.bands.map((b, i) => (
        <rect key={`m${i}`} x={b.x} y={b.y} width={b.width} height={b.height} fill="#000" />
      ))}
      {model.texts.map((tx, i) => (
        <text key={`t${i}`} x={tx.x} y={tx.y} fontSize={tx.size} textAnchor={tx.anchor} fontWeight={tx.bold ? 700 : 400} fill={tx.inverse ? '#fff' : '#000'} fontFamily='"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",Arial,sans-serif'>
          {tx.text}
        </text>
      ))}
    </Box>
  );
}

const CELL_FILL: Record<CellState, string> = { skipped: '#d0d0d0', printed: '#1976d2', blank: '#ffffff' };

/** The first sheet: used cells grey, printed cells blue, so the clerk sees where printing starts. */
export function SheetPreview({ page, cells, maxHeight }: { page: { width: number; height: number }; cells: { x: number; y: number; width: number; height: number; state: CellState }[]; maxHeight: number }) {
  const scale = maxHeight / page.height;
  return (
    <Box component="svg" viewBox={`0 0 ${page.width} ${page.height}`} width={Math.round(page.width * scale)} height={maxHeight} data-testid="sheet-preview" sx={{ bgcolor: '#fff', border: '1px solid', borderColor: 'grey.400', display: 'block' }}>
      {cells.map((c, i) => (
        <rect key={i} x={c.x + 1} y={c.y + 1} width={c.width - 2} height={c.height - 2} rx={3} fill={CELL_FILL[c.state]} fillOpacity={c.state === 'printed' ? 0.55 : 1} stroke="#999" strokeWidth={0.5} data-state={c.state} />
      ))}
    </Box>
  );
}
