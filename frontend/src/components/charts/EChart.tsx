// EChart: the app's one chart, a thin React wrapper of Apache ECharts (ADR 0077). Only the chart types and
// components the app uses are registered (echarts/core), drawn as SVG. A chart is a picture with a label
// (role img) that works from the keyboard: focus it and the arrow keys step from point to point, the tooltip
// follows and the point's figures are read out (aria-live). The table of the same figures sits beside each
// chart, so nothing is only in the picture. Colours are the Okabe–Ito palette (as in the PDFs, pdfdoc),
// bars carry patterns (decals) and lines marker shapes and dashes, so colour is never the only cue.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendPlainComponent, TooltipComponent, SVGRenderer]);

/** ChartOption is an ECharts option made of what the app registers. */
export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption
>;

/**
 * PALETTE is Okabe & Ito's colour-blind-safe palette (the PDFs' too, api/internal/pdfdoc): blue,
 * vermillion, bluish green, orange, reddish purple, sky blue.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#CC79A7', '#56B4E9'];
/** ALERT is the colour of what must stand out (a unit left out): vermillion, with words beside it. */
export const ALERT = '#D55E00';
/** SYMBOLS are the line markers, one shape per series. */
export const SYMBOLS = ['circle', 'triangle', 'rect', 'diamond'];

/** ChartPoint is one stop of the keyboard: where it is in the chart and what it says in words. */
export type ChartPoint = { seriesIndex: number; dataIndex: number; text: string };

type Props = {
  option: ChartOption;
  /** label names the chart and says what it shows (read when it takes focus). */
  label: string;
  /** points are the keyboard's stops, in order. */
  points: ChartPoint[];
  /** keyHint tells how to use the keyboard (read after the label). */
  keyHint: string;
  height?: number;
  testId?: string;
};

/** EChart draws an ECharts option as SVG and lets the keyboard step through its points. */
export function EChart({ option, label, points, keyHint, height = 320, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const hintId = useId();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => c.resize());
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // The label and the key hint are on the focusable frame; ECharts' own aria text (English or Chinese
    // only) is off, its decals (patterns on bars) on.
    chart.current?.setOption({ color: PALETTE, animation: false, aria: { enabled: false, decal: { show: true } }, ...option }, true);
    setActive(null);
  }, [option]);

  const show = (n: number | null) => {
    const c = chart.current;
    if (!c) return;
    c.dispatchAction({ type: 'downplay' });
    if (n == null) {
      c.dispatchAction({ type: 'hideTip' });
    } else {
      const p = points[n];
      c.dispatchAction({ type: 'highlight', seriesIndex: p.seriesIndex, dataIndex: p.dataIndex });
      c.dispatchAction({ type: 'showTip', seriesIndex: p.seriesIndex, dataIndex: p.dataIndex });
    }
    setActive(n);
  };

  const onKey = (e: KeyboardEvent) => {
    if (!points.length) return;
    const last = points.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: active == null ? 0 : Math.min(last, active + 1),
      ArrowDown: active == null ? 0 : Math.min(last, active + 1),
      ArrowLeft: active == null ? last : Math.max(0, active - 1),
      ArrowUp: active == null ? last : Math.max(0, active - 1),
      Home: 0,
      End: last,
    };
    if (e.key in moves) {
      e.preventDefault();
      show(moves[e.key]);
    } else if (e.key === 'Escape' && active != null) {
      e.preventDefault();
      show(null);
    }
  };

  return (
    <div className="chart">
      <div
        className="chart-frame"
        tabIndex={0}
        role="img"
        aria-label={label}
        aria-describedby={hintId}
        onKeyDown={onKey}
        onBlur={() => show(null)}
        data-testid={testId}
      >
        <div ref={box} className="chart-canvas" style={{ height }} aria-hidden="true" />
      </div>
      <p id={hintId} className="sr-only">
        {keyHint}
      </p>
      <p className="chart-point small" aria-live="polite">
        {active != null ? points[active]?.text : ''}
      </p>
    </div>
  );
}
