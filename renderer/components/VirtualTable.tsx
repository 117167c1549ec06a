import { Box } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

export const ROW_HEIGHT = 44;

export interface Column<R> {
  key: string;
  header: ReactNode;
  /** Full header text when the label is abbreviated. */
  headerTitle?: string;
  /** Pixels; a growing column takes the spare width with this as its minimum. */
  width: number;
  grow?: boolean;
  align?: 'left' | 'right' | 'center';
  /** Cells that are numbers line up on their digits. */
  numeric?: boolean;
  testId?: string;
  render(row: R): ReactNode;
  title?(row: R): string | undefined;
}

interface Props<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey(row: R): string | number;
  rowTestId?(row: R): string;
  isSelected?(row: R): boolean;
  onRowClick?(row: R): void;
  /** Shown instead of rows when there are none. */
  empty: ReactNode;
  /** More rows exist on the server: asked for when the last rendered row is near the end. */
  hasMore?: boolean;
  onNearEnd?(): void;
  testId: string;
}

/**
 * A virtualized grid with a sticky header in the same scroll box, so wide tables scroll sideways with their header
 * and 20,000 rows scroll as smoothly as 20.
 */
export function VirtualTable<R>({ rows, columns, rowKey, rowTestId, isSelected, onRowClick, empty, hasMore, onNearEnd, testId }: Props<R>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && onNearEnd && lastIndex >= rows.length - 20) onNearEnd();
  }, [hasMore, onNearEnd, lastIndex, rows.length]);

  const template = columns.map((c) => (c.grow ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ');
  const minWidth = columns.reduce((sum, c) => sum + c.width, 0);
  const cellSx = (c: Column<R>) =>
    ({
      px: 0.75,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      textAlign: c.align ?? (c.numeric ? 'right' : 'left'),
      ...(c.numeric ? { fontVariantNumeric: 'tabular-nums' } : {}),
    }) as const;

  return (
    <Box
      ref={scroller}
      data-testid={testId}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper', overflow: 'auto', flex: 1, minHeight: 240 }}
    >
      <Box sx={{ minWidth, position: 'relative' }}>
        <Box
          role="row"
          sx={{
            position: 'sticky',
            top: 0,
            zIndex: 1,
            bgcolor: 'background.paper',
            display: 'grid',
            gridTemplateColumns: template,
            alignItems: 'center',
            height: ROW_HEIGHT,
            borderBottom: 1,
            borderColor: 'divider',
            fontWeight: 600,
            fontSize: 13,
          }}
        >
          {columns.map((c) => (
            <Box role="columnheader" key={c.key} sx={cellSx(c)} title={c.headerTitle}>
              {c.header}
            </Box>
          ))}
        </Box>
        {rows.length === 0 ? (
          <Box sx={{ p: 3, position: 'sticky', left: 0, width: 'fit-content', maxWidth: '100%' }}>{empty}</Box>
        ) : (
          <Box role="rowgroup" sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const selected = isSelected?.(row) ?? false;
              return (
                <Box
                  key={rowKey(row)}
                  role="row"
                  aria-selected={selected}
                  data-testid={rowTestId?.(row)}
                  onClick={onRowClick ? () => onRowClick(row) : undefined}
                  sx={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
                    height: ROW_HEIGHT,
                    display: 'grid',
                    gridTemplateColumns: template,
                    alignItems: 'center',
                    borderBottom: 1,
                    borderColor: 'divider',
                    fontSize: 14,
                    cursor: onRowClick ? 'pointer' : undefined,
                    bgcolor: selected ? 'action.selected' : undefined,
                    '&:hover': { bgcolor: selected ? 'action.selected' : 'action.hover' },
                  }}
                >
                  {columns.map((c) => (
                    <Box key={c.key} sx={cellSx(c)} data-testid={c.testId} title={c.title?.(row)}>
                      {c.render(row)}
                    </Box>
                  ))}
                </Box>
              );
            })}
          </Box>
        )}
      </Box>
    </Box>
  );
}
