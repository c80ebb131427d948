import { Box, Group, Paper, Text } from '@mantine/core';
import { useElementSize, useReducedMotion } from '@mantine/hooks';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Flow } from '../api.js';
import { layoutNetwork, type PlacedLink, type PlacedNode, shortLabel } from '../network.js';
import { formatNumber } from '../shape.js';
import { ChartCard } from './ChartCard.js';

type Active = { kind: 'link'; key: string; focused: boolean } | { kind: 'node'; id: string; focused: boolean } | null;

/** Arrow keys move through a group of drawn items that takes one Tab stop (a roving tab index). */
function rovingKey(e: KeyboardEvent, index: number, count: number, move: (next: number) => void, clear: () => void) {
  const next =
    e.key === 'ArrowRight' || e.key === 'ArrowDown'
      ? (index + 1) % count
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
        ? (index - 1 + count) % count
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? count - 1
            : null;
  if (next !== null) {
    e.preventDefault();
    move(next);
  } else if (e.key === 'Escape') {
    clear();
  }
}

/**
 * Who recognises whom across departments: departments on a circle sized by their people, arrows
 * from the givers' department to the recipients' whose width follows the number of kudos.
 */
export function FlowNetwork({ flow, from, to }: { flow: Flow; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const reduceMotion = useReducedMotion();
  const { ref, width } = useElementSize<HTMLDivElement>();
  const narrow = width < 480;
  const labelX = narrow ? 58 : 130;
  const labelY = 26;
  // as tall as the circle needs once the names beside it have their room
  const height = width === 0 ? 0 : Math.round(Math.min(540, Math.max(240, width - 2 * labelX + 2 * labelY)));
  const layout = useMemo(
    () => layoutNetwork(flow, { width, height, labelX, labelY, maxRadius: narrow ? 18 : 28 }),
    [flow, width, height, narrow, labelX],
  );
  const [active, setActive] = useState<Active>(null);
  const [linkIndex, setLinkIndex] = useState(0);
  const [nodeIndex, setNodeIndex] = useState(0);
  const linkRefs = useRef<(SVGGElement | null)[]>([]);
  const nodeRefs = useRef<(SVGGElement | null)[]>([]);

  const names = useMemo(() => new Map(flow.nodes.map((n) => [n.id, n.name])), [flow.nodes]);
  const nameOf = (id: string) => names.get(id) ?? t('insights.flow.unknown');
  const allLinks = useMemo(
    () => flow.links.filter((l) => Number.isFinite(l.count) && l.count > 0).sort((a, b) => b.count - a.count),
    [flow.links],
  );
  const crossing = layout.links.reduce((s, l) => s + l.count, 0);
  const strongest = layout.links[0];
  const summary =
    layout.nodes.length === 0
      ? t('insights.flow.summaryNoDepartments')
      : strongest
        ? t('insights.flow.summary', {
            count: layout.nodes.length,
            total: formatNumber(crossing, lng),
            from: strongest.sourceName,
            to: strongest.targetName,
            n: formatNumber(strongest.count, lng),
          })
        : t('insights.flow.summaryNoLinks', { count: layout.nodes.length });

  const linkText = (l: PlacedLink) =>
    t('insights.flow.link', { from: l.sourceName, to: l.targetName, count: l.count, n: formatNumber(l.count, lng) });
  const nodeText = (n: PlacedNode) =>
    t('insights.flow.node', {
      name: n.name,
      count: n.people,
      people: formatNumber(n.people, lng),
      gave: formatNumber(n.gave, lng),
      received: formatNumber(n.received, lng),
      within: formatNumber(n.within, lng),
    });

  const activeLink = active?.kind === 'link' ? layout.links.find((l) => l.key === active.key) : undefined;
  const activeNode = active?.kind === 'node' ? layout.nodes.find((n) => n.id === active.id) : undefined;
  const isLit = (l: PlacedLink) =>
    active === null ||
    (activeLink ? activeLink.key === l.key : activeNode ? l.source === activeNode.id || l.target === activeNode.id : true);
  const transition = reduceMotion ? undefined : 'opacity 120ms ease';
  const labelChars = narrow ? 9 : 20;

  const tip = activeLink
    ? { x: activeLink.mid.x, y: activeLink.mid.y, text: linkText(activeLink) }
    : activeNode
      ? { x: activeNode.x, y: activeNode.y - activeNode.r, text: nodeText(activeNode) }
      : null;

  return (
    <ChartCard
      id="insights-flow"
      title={t('insights.flow.title')}
      description={t('insights.flow.description')}
      summary={summary}
      fileName={`recognition-between-departments-${from}-${to}`}
      data={{
        header: [t('insights.flow.from'), t('insights.flow.to'), t('insights.flow.kudos')],
        rows: allLinks.map((l) => [nameOf(l.source), nameOf(l.target), l.count]),
        format: (cell, column) => (column === 2 ? formatNumber(Number(cell), lng) : cell),
      }}
    >
      <Box ref={ref} pos="relative" w="100%" mih={layout.nodes.length > 0 && width === 0 ? 240 : undefined}>
        {layout.nodes.length === 0 ? (
          <Text c="dimmed" size="sm" py="lg" ta="center">
            {t('insights.flow.noDepartments')}
          </Text>
        ) : (
          width > 0 && (
            <svg
              width={layout.width}
              height={layout.height}
              viewBox={`0 0 ${layout.width} ${layout.height}`}
              role="group"
              aria-label={summary}
              style={{ display: 'block', overflow: 'visible' }}
            >
              <g role="list" aria-label={t('insights.flow.linksLabel')}>
                {layout.links.map((l, i) => {
                  const lit = isLit(l);
                  const focused = active?.kind === 'link' && active.key === l.key && active.focused;
                  const colour = activeLink?.key === l.key ? 'var(--mantine-color-brand-8)' : 'var(--mantine-color-brand-6)';
                  return (
                    <g
                      key={l.key}
                      ref={(el) => {
                        linkRefs.current[i] = el;
                      }}
                      role="listitem"
                      aria-label={linkText(l)}
                      tabIndex={i === Math.min(linkIndex, layout.links.length - 1) ? 0 : -1}
                      style={{ outline: 'none', cursor: 'default', opacity: lit ? 1 : 0.12, transition }}
                      onMouseEnter={() => setActive({ kind: 'link', key: l.key, focused: false })}
                      onMouseLeave={() => setActive((a) => (a?.kind === 'link' && a.key === l.key && !a.focused ? null : a))}
                      onFocus={() => {
                        setLinkIndex(i);
                        setActive({ kind: 'link', key: l.key, focused: true });
                      }}
                      onBlur={() => setActive(null)}
                      onKeyDown={(e) =>
                        rovingKey(
                          e,
                          i,
                          layout.links.length,
                          (next) => linkRefs.current[next]?.focus(),
                          () => setActive(null),
                        )
                      }
                    >
                      {focused && (
                        <path d={l.d} fill="none" stroke="var(--mantine-color-text)" strokeWidth={l.width + 5} strokeLinecap="round" />
                      )}
                      <path
                        d={l.d}
                        fill="none"
                        stroke={colour}
                        strokeOpacity={activeLink?.key === l.key ? 1 : l.opacity}
                        strokeWidth={l.width}
                        strokeLinecap="round"
                      />
                      <polygon points={l.arrow} fill={colour} fillOpacity={activeLink?.key === l.key ? 1 : Math.min(1, l.opacity + 0.15)} />
                      {/* a wider, invisible band so thin links are easy to point at */}
                      <path d={l.d} fill="none" stroke="transparent" strokeWidth={Math.max(14, l.width + 8)} />
                    </g>
                  );
                })}
              </g>
              <g role="list" aria-label={t('insights.flow.nodesLabel')}>
                {layout.nodes.map((n, i) => {
                  const on = activeNode?.id === n.id;
                  const focused = on && active?.focused === true;
                  return (
                    <g
                      key={n.id}
                      ref={(el) => {
                        nodeRefs.current[i] = el;
                      }}
                      role="listitem"
                      aria-label={nodeText(n)}
                      tabIndex={i === Math.min(nodeIndex, layout.nodes.length - 1) ? 0 : -1}
                      style={{ outline: 'none', cursor: 'default' }}
                      onMouseEnter={() => setActive({ kind: 'node', id: n.id, focused: false })}
                      onMouseLeave={() => setActive((a) => (a?.kind === 'node' && a.id === n.id && !a.focused ? null : a))}
                      onFocus={() => {
                        setNodeIndex(i);
                        setActive({ kind: 'node', id: n.id, focused: true });
                      }}
                      onBlur={() => setActive(null)}
                      onKeyDown={(e) =>
                        rovingKey(
                          e,
                          i,
                          layout.nodes.length,
                          (next) => nodeRefs.current[next]?.focus(),
                          () => setActive(null),
                        )
                      }
                    >
                      {focused && <circle cx={n.x} cy={n.y} r={n.r + 4} fill="none" stroke="var(--mantine-color-text)" strokeWidth={2} />}
                      {/* an opaque disc first: the light fill adapts to the colour scheme but lets links show through */}
                      <circle cx={n.x} cy={n.y} r={Math.max(n.r, 3)} fill="var(--mantine-color-body)" />
                      <circle
                        cx={n.x}
                        cy={n.y}
                        r={Math.max(n.r, 3)}
                        fill={on ? 'var(--mantine-color-brand-8)' : 'var(--mantine-color-brand-light)'}
                        stroke="var(--mantine-color-brand-8)"
                        strokeWidth={1.5}
                      />
                      <circle cx={n.x} cy={n.y} r={Math.max(n.r, 12)} fill="transparent" />
                      <text
                        x={n.label.x}
                        y={n.label.y}
                        textAnchor={n.label.anchor}
                        dominantBaseline={n.label.baseline}
                        fontSize={narrow ? 11 : 12}
                        fontWeight={on ? 700 : 500}
                        fill="var(--mantine-color-text)"
                        aria-hidden
                      >
                        {shortLabel(n.name, labelChars)}
                      </text>
                    </g>
                  );
                })}
              </g>
            </svg>
          )
        )}
        {tip && (
          <Paper
            shadow="md"
            withBorder
            px="sm"
            py={6}
            radius="md"
            aria-hidden
            style={{
              position: 'absolute',
              left: Math.min(Math.max(tip.x, 90), Math.max(90, layout.width - 90)),
              top: tip.y,
              transform: 'translate(-50%, calc(-100% - 10px))',
              pointerEvents: 'none',
              maxWidth: 240,
              zIndex: 2,
            }}
          >
            <Text size="sm">{tip.text}</Text>
          </Paper>
        )}
      </Box>
      {layout.nodes.length > 0 && (
        <Group gap="lg" mt="sm" wrap="wrap">
          {layout.links.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('insights.flow.noLinks')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('insights.flow.legend')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('insights.flow.keys')}
          </Text>
        </Group>
      )}
    </ChartCard>
  );
}
