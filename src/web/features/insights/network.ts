import type { Flow, FlowLink, FlowNode } from './api.js';

/**
 * The layout of the cross-department recognition network: departments on a circle, sized by how
 * many people they hold, and curved arrows between them whose width follows the number of kudos.
 * Pure geometry, so it can be checked without a browser.
 */

export interface NetworkOptions {
  width: number;
  height: number;
  /** Room kept left and right of the circle for the departments' names. */
  labelX?: number;
  /** Room kept above and below the circle for the names at the top and bottom. */
  labelY?: number;
  minRadius?: number;
  maxRadius?: number;
  minWidth?: number;
  maxWidth?: number;
}

export type LabelAnchor = 'start' | 'middle' | 'end';
export type LabelBaseline = 'auto' | 'middle' | 'hanging';

export interface PlacedNode extends FlowNode {
  x: number;
  y: number;
  r: number;
  label: { x: number; y: number; anchor: LabelAnchor; baseline: LabelBaseline };
  /** Kudos between people of this same department: shown on the node, not as a link. */
  within: number;
  gave: number;
  received: number;
}

export interface PlacedLink extends FlowLink {
  key: string;
  sourceName: string;
  targetName: string;
  /** SVG path of the curve, from the source's edge to the base of the arrowhead. */
  d: string;
  /** SVG polygon points of the arrowhead touching the target. */
  arrow: string;
  width: number;
  /** Busier links are drawn more solid, so the strong flows stand out in a dense network. */
  opacity: number;
  /** The middle of the curve, where its label goes. */
  mid: { x: number; y: number };
}

export interface NetworkLayout {
  width: number;
  height: number;
  center: { x: number; y: number };
  /** Radius of the circle the departments sit on. */
  radius: number;
  nodes: PlacedNode[];
  /** Widest first, so the thin ones stay visible and reachable on top. */
  links: PlacedLink[];
  maxCount: number;
}

const DEFAULTS = { labelX: 70, labelY: 24, minRadius: 6, maxRadius: 26, minWidth: 1.5, maxWidth: 12 };

const finite = (n: number, fallback = 0) => (Number.isFinite(n) ? n : fallback);
const round = (n: number) => Math.round(n * 100) / 100;

interface Point {
  x: number;
  y: number;
}

function unit(from: Point, to: Point): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy);
  return len > 0 ? { x: dx / len, y: dy / len } : { x: 0, y: 0 };
}

/** The departments that exist, once each, with a usable head count. */
function cleanNodes(nodes: readonly FlowNode[]): FlowNode[] {
  const seen = new Set<string>();
  const out: FlowNode[] = [];
  for (const n of nodes) {
    if (!seen.has(n.id)) {
      seen.add(n.id);
      out.push({ ...n, people: Math.max(0, finite(n.people)) });
    }
  }
  return out;
}

/** Links between known departments with a positive count, repeated pairs added together. */
function cleanLinks(links: readonly FlowLink[], known: ReadonlySet<string>): FlowLink[] {
  const byPair = new Map<string, FlowLink>();
  for (const l of links) {
    const count = finite(l.count);
    if (count <= 0 || !known.has(l.source) || !known.has(l.target)) {
      continue;
    }
    const key = `${l.source}\u0000${l.target}`;
    const prev = byPair.get(key);
    byPair.set(key, { source: l.source, target: l.target, count: (prev?.count ?? 0) + count });
  }
  return [...byPair.values()];
}

function labelFor(angle: number, x: number, y: number): PlacedNode['label'] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const anchor: LabelAnchor = cos > 0.3 ? 'start' : cos < -0.3 ? 'end' : 'middle';
  const baseline: LabelBaseline = anchor !== 'middle' ? 'middle' : sin < 0 ? 'auto' : 'hanging';
  return { x: round(x), y: round(y), anchor, baseline };
}

/** Place the departments and draw the links for a drawing area of the given size. */
export function layoutNetwork(flow: Flow, options: NetworkOptions): NetworkLayout {
  const o = { ...DEFAULTS, ...options };
  const width = Math.max(0, finite(o.width));
  const height = Math.max(0, finite(o.height));
  const center = { x: width / 2, y: height / 2 };
  const nodes = cleanNodes(flow.nodes);
  const n = nodes.length;
  const empty: NetworkLayout = { width, height, center, radius: 0, nodes: [], links: [], maxCount: 0 };
  if (n === 0) {
    return empty;
  }

  // The circle fills the area left after the names; nodes never grow past the room between neighbours.
  const outer = Math.max(0, Math.min(width / 2 - Math.max(0, o.labelX), height / 2 - Math.max(0, o.labelY)));
  let rMax: number;
  let radius: number;
  if (n === 1) {
    rMax = Math.min(o.maxRadius, outer);
    radius = 0;
  } else {
    const room = Math.sin(Math.PI / n);
    rMax = Math.min(o.maxRadius, 0.8 * Math.max(0, outer - o.maxRadius) * room);
    radius = Math.max(0, outer - rMax);
    rMax = Math.min(rMax, 0.8 * radius * room);
  }
  rMax = Math.max(0, rMax);
  const rMin = Math.min(o.minRadius, rMax);
  const maxPeople = Math.max(0, ...nodes.map((d) => d.people));

  const placed: PlacedNode[] = nodes.map((d, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const x = center.x + radius * Math.cos(angle);
    const y = center.y + radius * Math.sin(angle);
    const r = maxPeople > 0 ? rMin + (rMax - rMin) * Math.sqrt(d.people / maxPeople) : rMin;
    const away = (n === 1 ? 0 : radius) + r + 8;
    const labelAngle = n === 1 ? Math.PI / 2 : angle;
    return {
      ...d,
      x: round(x),
      y: round(y),
      r: round(r),
      label: labelFor(labelAngle, center.x + away * Math.cos(labelAngle), center.y + away * Math.sin(labelAngle)),
      within: 0,
      gave: 0,
      received: 0,
    };
  });
  const byId = new Map(placed.map((p) => [p.id, p]));

  const links = cleanLinks(flow.links, new Set(byId.keys()));
  const between: FlowLink[] = [];
  for (const l of links) {
    const s = byId.get(l.source)!;
    const t = byId.get(l.target)!;
    if (s === t) {
      s.within += l.count;
    } else {
      s.gave += l.count;
      t.received += l.count;
      between.push(l);
    }
  }
  const maxCount = Math.max(0, ...between.map((l) => l.count));

  const drawn: PlacedLink[] = between.map((l) => {
    const s = byId.get(l.source)!;
    const t = byId.get(l.target)!;
    const width = maxCount > 0 ? o.minWidth + ((o.maxWidth - o.minWidth) * l.count) / maxCount : o.minWidth;
    const len = Math.hypot(t.x - s.x, t.y - s.y);
    const mid = { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
    // Bend towards the centre and to one side of the direction of travel, so A→B and B→A never overlap.
    const normal = len > 0 ? { x: -(t.y - s.y) / len, y: (t.x - s.x) / len } : { x: 0, y: 0 };
    const ctrl = {
      x: mid.x + (center.x - mid.x) * 0.35 + normal.x * len * 0.12,
      y: mid.y + (center.y - mid.y) * 0.35 + normal.y * len * 0.12,
    };
    const out = unit(s, ctrl);
    const back = unit(t, ctrl);
    const start = { x: s.x + out.x * (s.r + 1), y: s.y + out.y * (s.r + 1) };
    const arrowLen = Math.max(7, width * 1.1);
    const half = Math.max(3.5, width * 0.85);
    const tip = { x: t.x + back.x * (t.r + 1.5), y: t.y + back.y * (t.r + 1.5) };
    const base = { x: tip.x + back.x * arrowLen, y: tip.y + back.y * arrowLen };
    const side = { x: -back.y * half, y: back.x * half };
    // the stroke stops a little inside the arrowhead so no gap shows between them
    const end = { x: base.x - back.x * 1, y: base.y - back.y * 1 };
    const at = (p: Point) => `${round(p.x)} ${round(p.y)}`;
    return {
      ...l,
      key: `${l.source}>${l.target}`,
      sourceName: s.name,
      targetName: t.name,
      d: `M ${at(start)} Q ${at(ctrl)} ${at(end)}`,
      arrow: [tip, { x: base.x + side.x, y: base.y + side.y }, { x: base.x - side.x, y: base.y - side.y }]
        .map((p) => `${round(p.x)},${round(p.y)}`)
        .join(' '),
      width: round(width),
      opacity: round(maxCount > 0 ? 0.3 + (0.55 * l.count) / maxCount : 0.3),
      mid: { x: round(0.25 * start.x + 0.5 * ctrl.x + 0.25 * end.x), y: round(0.25 * start.y + 0.5 * ctrl.y + 0.25 * end.y) },
    };
  });
  drawn.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

  return { width, height, center, radius: round(radius), nodes: placed, links: drawn, maxCount };
}

/** A department's name short enough for the drawing; the full name is in the tooltip and the table. */
export function shortLabel(name: string, max = 16): string {
  const s = name.trim();
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}
