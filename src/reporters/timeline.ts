// `stampguard gates --timeline`: the timeline model (gates/timeline.ts) drawn as a standalone SVG,
// or as an HTML page with the same SVG inline. One row per gate, its stage bands across the
// versions, the version about to be stamped as a vertical line, configured gates on a highlighted
// row at the top. A label too long for its column is shortened; every row carries the full name
// in a <title> (a tooltip in browsers). Returns a string; never writes.

import type { TimelineBand, TimelineModel, TimelineRow } from '../gates/timeline.js';
import type { Stage } from '../types.js';

const LABEL_W = 290; // gate names
const VALUE_W = 64; // "= false"
const COL_W = 26;
const ROW_H = 16;
const BAR_H = 11;
const TOP = 96; // title, legend, axis labels
const MAX_LABEL = 42; // characters before a name is shortened
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const STAGE_COLOR: Readonly<Record<Stage, string>> = {
  prealpha: '#b8b8b8',
  alpha: '#e76f51',
  beta: '#2a9d8f',
  ga: '#264653',
  deprecated: '#8d99ae',
};
const STAGE_NAME: Readonly<Record<Stage, string>> = {
  prealpha: 'pre-alpha',
  alpha: 'alpha',
  beta: 'beta',
  ga: 'GA',
  deprecated: 'deprecated',
};

/** XML text and attribute escaping (gate names are restricted, but labels and versions are not). */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const shorten = (name: string): string => (name.length <= MAX_LABEL ? name : `${name.slice(0, MAX_LABEL - 1)}…`);

function bandText(band: TimelineBand, versions: readonly string[]): string {
  const from = versions[band.start] ?? '?';
  return `${STAGE_NAME[band.stage]} from ${from}, ${band.default ? 'on' : 'off'} by default${band.locked ? ', locked' : ''}`;
}

function rowTitle(row: TimelineRow, versions: readonly string[]): string {
  const history = row.bands.map((band) => bandText(band, versions)).join('; ');
  const value =
    row.value === null
      ? ''
      : ` — configured ${row.value}${row.verdict && row.verdict !== 'ok' ? ` (${row.verdict})` : ''}`;
  return `${row.gate}${value}: ${history || 'no spec'}`;
}

export interface TimelineOptions {
  /** A line under the title: where the specs came from. */
  source: string;
}

/** The SVG element alone (no XML declaration), for both outputs. */
function svgElement(model: TimelineModel, opts: TimelineOptions): string {
  const cols = model.versions.length;
  const gridX = LABEL_W + VALUE_W;
  const width = gridX + cols * COL_W + 24;
  const height = TOP + model.rows.length * ROW_H + 24;
  const colX = (i: number): number => gridX + i * COL_W;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" font-size="11" role="img" aria-labelledby="timeline-title">`,
  );
  const heading = `Feature gates across versions${model.markerLabel ? ` (stamped version ${model.markerLabel})` : ''}`;
  out.push(`<title id="timeline-title">${escapeXml(heading)}</title>`);
  out.push(
    '<defs><pattern id="locked" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="5" fill="#ffffff" fill-opacity="0.55"/></pattern></defs>',
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="12" y="22" font-size="15" font-weight="bold">${escapeXml(heading)}</text>`);
  out.push(
    `<text x="12" y="40" fill="#555555">${escapeXml(`${model.rows.length} gates from ${opts.source}; configured gates first, highlighted`)}</text>`,
  );

  // Legend.
  let lx = 12;
  const ly = 52;
  const swatch = (label: string, fill: string, extra = ''): void => {
    out.push(`<rect x="${lx}" y="${ly}" width="18" height="${BAR_H}" rx="2" fill="${fill}"${extra}/>`);
    out.push(`<text x="${lx + 22}" y="${ly + 9}">${escapeXml(label)}</text>`);
    lx += 36 + Math.ceil(label.length * 6.2);
  };
  for (const stage of ['alpha', 'beta', 'ga', 'deprecated'] as const) swatch(STAGE_NAME[stage], STAGE_COLOR[stage]);
  swatch('off by default (pale)', STAGE_COLOR.beta, ' fill-opacity="0.35"');
  out.push(`<rect x="${lx}" y="${ly}" width="18" height="${BAR_H}" rx="2" fill="${STAGE_COLOR.ga}"/>`);
  swatch('locked (hatched)', 'url(#locked)');
  out.push(`<rect x="${lx}" y="${ly}" width="18" height="${BAR_H}" fill="#fff3c4" stroke="#e0c060"/>`);
  swatch('configured', 'none');
  if (model.marker !== null) {
    out.push(
      `<line x1="${lx + 9}" x2="${lx + 9}" y1="${ly - 2}" y2="${ly + BAR_H + 2}" stroke="#d62828" stroke-width="2"/>`,
    );
    lx += 20;
    out.push(`<text x="${lx}" y="${ly + 9}">version to be stamped</text>`);
  }

  // Axis: a tick label and a faint line per column; majors separated by a stronger line.
  const axisY = TOP - 8;
  model.versions.forEach((version, i) => {
    const cx = colX(i) + COL_W / 2;
    const major = version.split('.')[0];
    const newMajor = i > 0 && model.versions[i - 1]?.split('.')[0] !== major;
    out.push(
      `<line x1="${colX(i)}" x2="${colX(i)}" y1="${TOP - 4}" y2="${height - 20}" stroke="${newMajor ? '#888888' : '#eeeeee'}"/>`,
    );
    const marked = model.marker === i;
    out.push(
      `<text class="tick" data-version="${escapeXml(version)}" x="${cx}" y="${axisY}" text-anchor="middle" font-size="9" fill="${marked ? '#d62828' : '#555555'}"${marked ? ' font-weight="bold"' : ''}>${escapeXml(version)}</text>`,
    );
  });

  // Rows.
  model.rows.forEach((row, r) => {
    const y = TOP + r * ROW_H;
    const configured = row.value !== null;
    const bad = configured && row.verdict !== null && row.verdict !== 'ok';
    out.push(
      `<g class="row" data-gate="${escapeXml(row.gate)}" data-configured="${configured}" transform="translate(0 ${y})">`,
    );
    out.push(`<title>${escapeXml(rowTitle(row, model.versions))}</title>`);
    if (configured) out.push(`<rect x="4" y="0" width="${width - 8}" height="${ROW_H}" fill="#fff3c4"/>`);
    else if (r % 2 === 1) out.push(`<rect x="4" y="0" width="${width - 8}" height="${ROW_H}" fill="#f7f7f7"/>`);
    out.push(
      `<text class="label" x="12" y="${ROW_H - 4}"${configured ? ' font-weight="bold"' : ''}>${escapeXml(shorten(row.gate))}</text>`,
    );
    if (configured) {
      out.push(
        `<text class="value" x="${LABEL_W}" y="${ROW_H - 4}" fill="${bad ? '#d62828' : '#2b7a0b'}" font-weight="bold">= ${row.value}${bad ? ' ✖' : ''}</text>`,
      );
    }
    for (const band of row.bands) {
      const x = colX(band.start) + 1;
      const w = (band.end - band.start) * COL_W - 2;
      const by = (ROW_H - BAR_H) / 2;
      out.push(
        `<rect class="band" data-stage="${band.stage}" data-default="${band.default}" data-locked="${band.locked}" x="${x}" y="${by}" width="${w}" height="${BAR_H}" rx="2" fill="${STAGE_COLOR[band.stage]}"${band.default ? '' : ' fill-opacity="0.35"'}/>`,
      );
      if (band.locked) out.push(`<rect x="${x}" y="${by}" width="${w}" height="${BAR_H}" rx="2" fill="url(#locked)"/>`);
    }
    out.push('</g>');
  });

  // The version about to be stamped, over everything.
  if (model.marker !== null) {
    const version = model.versions[model.marker] ?? '';
    const mx = colX(model.marker) + COL_W / 2;
    out.push(
      `<line id="marker" data-version="${escapeXml(version)}" x1="${mx}" x2="${mx}" y1="${TOP - 2}" y2="${height - 16}" stroke="#d62828" stroke-width="2" stroke-opacity="0.8"/>`,
    );
    out.push(
      `<text x="${mx}" y="${height - 4}" text-anchor="middle" fill="#d62828" font-weight="bold">${escapeXml(model.markerLabel ?? version)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

export function formatTimelineSvg(model: TimelineModel, opts: TimelineOptions): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svgElement(model, opts)}\n`;
}

export function formatTimelineHtml(model: TimelineModel, opts: TimelineOptions): string {
  const title = `Feature gates across versions${model.markerLabel ? ` (stamped version ${model.markerLabel})` : ''}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
body { margin: 16px; font-family: ${FONT}; color: #222222; }
svg { display: block; }
.row:hover > rect:first-of-type { fill: #e8f0fe; }
</style>
</head>
<body>
${svgElement(model, opts)}
</body>
</html>
`;
}
