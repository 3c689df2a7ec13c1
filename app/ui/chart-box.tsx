// A chart rendered on the server (bar-chart.server.tsx) as SVG markup. Hidden from screen readers: every chart
// sits beside a table of the same figures, which is the accessible version.
export function ChartBox({ svg }: { svg: string }) {
  // The markup comes from renderToStaticMarkup on our own data, which escapes every text.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered SVG of our own chart component
  return <div className="report-chart" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />;
}
