import type { InputHTMLAttributes } from 'react';

type AddressInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'className' | 'onChange' | 'value'
> & { value: string; onChange(value: string): void };

/** A field for an e-mail address or a sign-in name: the e-mail keyboard, no spelling, no autofill. */
export function AddressInput({ onChange, ...input }: AddressInputProps) {
  return (
    <input
      {...input}
      className="control text"
      type="text"
      inputMode="email"
      spellCheck={false}
      autoComplete="off"
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
