import { useId, type ReactNode } from 'react';

/**
 * A labelled form control: `children(id)` renders the control with that id, which the label names
 * (a label wrapped around a select would also read out its selected option).
 */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A form's text value, trimmed. */
export const textOf = (data: FormData, name: string): string => String(data.get(name) ?? '').trim();

/** A form's optional text value: undefined (left out of the body) when blank. */
export const optionalTextOf = (data: FormData, name: string): string | undefined => textOf(data, name) || undefined;
