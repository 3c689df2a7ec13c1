// Bar charts drawn on the server with recharts as plain SVG markup: no animation and no ResponsiveContainer,
// so the page shows them without JavaScript and recharts never reaches the browser's bundle. The page puts
// the markup in an aria-hidden box (see ChartBox) beside a table of the same figures.
//
// Each chart is drawn twice and CSS (reports.css) shows one: the wide layout from a tablet up, the phone
// layout below. Both scale to their box through their viewBox; each is drawn at about the width it is shown
// at, so its text keeps a readable size.
import { renderToStaticMarkup } from "react-dom/server";
import { Bar, BarChart, CartesianGrid, LabelList, type LabelProps, XAxis, YAxis } from "recharts";

export type BarDatum = { label: string; value: number; valueText: string };

export type BarChartOptions = {
  /** Unique on the page: recharts derives the clip path's id from it. */
  id: string;
  title: string;
  desc: string;
  rows: BarDatum[];
  /** The end of the value axis (100 for percentages); the largest value when absent. */
  max?: number;
  formatTick: (value: number) => string;
};

const INK = "#1d2433";
const MUTED = "#4a5568";
const AXIS = "#9aa5b8";
const GRID = "#d5dae3";
const BAR = "#9a3412";

// The wide layout (labels beside the bars) and the phone layout (each label above its bar, three ticks).
// A 360 px phone shows about 300 px of chart: drawn at 320, its 14 px text is still 13 px on screen.
const WIDE = {
  name: "wide",
  width: 720,
  rowHeight: 30,
  extraHeight: 48,
  margin: { top: 8, right: 72, bottom: 8, left: 8 },
  fontSize: 13,
  barSize: 18,
  labelWidth: 200,
  tickCount: 5,
} as const;
const NARROW = {
  name: "narrow",
  width: 320,
  rowHeight: 48,
  extraHeight: 40,
  margin: { top: 4, right: 56, bottom: 4, left: 12 },
  fontSize: 14,
  barSize: 16,
  labelWidth: 0,
  tickCount: 3,
} as const;
type Layout = typeof WIDE | typeof NARROW;
// recharts writes the drawn size on its wrapper; auto lets CSS size the SVG, whose viewBox keeps the shape.
const FLUID = { width: "auto", height: "auto" };

/** A horizontal bar chart, one bar per row, its value written at the bar's end. Returns HTML markup. */
export function barChartSvg(options: BarChartOptions): string {
  return renderToStaticMarkup(
    <>
      <div className="chart-wide">{chart(options, WIDE)}</div>
      <div className="chart-narrow">{chart(options, NARROW)}</div>
    </>,
  );
}

function chart({ id, title, desc, rows, max, formatTick }: BarChartOptions, layout: Layout) {
  const beside = layout.name === "wide";
  return (
    <BarChart
      id={beside ? id : `${id}-narrow`}
      width={layout.width}
      height={layout.extraHeight + rows.length * layout.rowHeight}
      data={rows}
      layout="vertical"
      margin={layout.margin}
      title={title}
      desc={desc}
      style={FLUID}
    >
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis
        type="number"
        domain={[0, max ?? "dataMax"]}
        allowDecimals={false}
        tickCount={layout.tickCount}
        tickFormatter={formatTick}
        tick={{ fontSize: layout.fontSize, fill: MUTED }}
        stroke={AXIS}
      />
      <YAxis
        type="category"
        dataKey="label"
        hide={!beside}
        width={layout.labelWidth}
        interval={0}
        tick={{ fontSize: layout.fontSize, fill: INK }}
        stroke={AXIS}
      />
      <Bar dataKey="value" fill={BAR} barSize={layout.barSize} isAnimationActive={false}>
        {beside ? null : <LabelList dataKey="label" content={labelAbove} />}
        <LabelList dataKey="valueText" position="right" fill={INK} fontSize={layout.fontSize} />
      </Bar>
    </BarChart>
  );
}

/** A row's label written above the start of its bar. */
function labelAbove({ x, y, value }: LabelProps) {
  return (
    <text x={Number(x)} y={Number(y) - 6} fontSize={14} fill={INK}>
      {value}
    </text>
  );
}
