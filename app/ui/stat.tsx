// One figure of a `<dl className="stats">`: its label and value, named by `data-figure` for tests and styles.
export function Stat({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div data-figure={id}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
