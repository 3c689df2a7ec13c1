// Bar charts drawn on the server with recharts as plain SVG markup: a fixed size, no animation and no
// ResponsiveContainer, so the page shows them without JavaScript and recharts never reaches the browser's
// bundle. The page puts the markup in an aria-hidden box (see ChartBox) beside a table of the same figures.
import { renderToStaticMarkup } from "react-dom/server";
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";

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

const WIDTH = 720;
const ROW_HEIGHT = 30;
const LABEL_WIDTH = 200;

/** A horizontal bar chart, one bar per row, its value written at the bar's end. Returns SVG markup. */
export function barChartSvg({ id, title, desc, rows, max, formatTick }: BarChartOptions): string {
  const height = 48 + rows.length * ROW_HEIGHT;
  return renderToStaticMarkup(
    <BarChart
      id={id}
      width={WIDTH}
      height={height}
      data={rows}
      layout="vertical"
      margin={{ top: 8, right: 72, bottom: 8, left: 8 }}
      title={title}
      desc={desc}
    >
      <CartesianGrid horizontal={false} stroke="#d5dae3" />
      <XAxis
        type="number"
        domain={[0, max ?? "dataMax"]}
        allowDecimals={false}
        tickFormatter={formatTick}
        tick={{ fontSize: 12, fill: "#4a5568" }}
        stroke="#9aa5b8"
      />
      <YAxis
        type="category"
        dataKey="label"
        width={LABEL_WIDTH}
        interval={0}
        tick={{ fontSize: 13, fill: "#1d2433" }}
        stroke="#9aa5b8"
      />
      <Bar dataKey="value" fill="#9a3412" barSize={18} isAnimationActive={false}>
        <LabelList dataKey="valueText" position="right" fill="#1d2433" fontSize={13} />
      </Bar>
    </BarChart>,
  );
}
