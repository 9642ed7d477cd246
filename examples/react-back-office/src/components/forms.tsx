import type { ReactNode } from 'react';

/** A labelled form control: the label names whatever control is inside it. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A form's text value, trimmed. */
export const textOf = (data: FormData, name: string): string => String(data.get(name) ?? '').trim();

/** A form's optional text value: undefined (left out of the body) when blank. */
export const optionalTextOf = (data: FormData, name: string): string | undefined => textOf(data, name) || undefined;
