/** A quiet "loading" line that screen readers announce. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="usa-prose text-base-dark margin-y-4" role="status">
      {label}…
    </p>
  );
}
