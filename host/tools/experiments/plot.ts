// Plots: Vega-Lite specifications rendered headless to SVG (vega's own renderer, no browser).
import * as vega from 'vega';
import * as vl from 'vega-lite';

export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const compiled = vl.compile({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec } as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  return view.toSVG();
}

/** A line chart of `y` against `x`, one line per `series`, in the house style. */
export function lineChart(title: string, values: readonly Record<string, unknown>[], x: { field: string; title: string; log?: boolean },
  y: { field: string; title: string; log?: boolean }, series: { field: string; title: string }, dash?: { field: string; title: string }): Record<string, unknown> {
  return {
    title, width: 480, height: 300, data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: x.field, type: 'quantitative', title: x.title, scale: x.log ? { type: 'log', base: 2 } : {} },
      y: { field: y.field, type: 'quantitative', title: y.title, scale: y.log ? { type: 'log' } : {} },
      color: { field: series.field, type: 'nominal', title: series.title },
      ...(dash ? { strokeDash: { field: dash.field, type: 'nominal', title: dash.title } } : {}),
    },
  };
}
