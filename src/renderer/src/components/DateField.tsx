import type { ComponentProps } from 'react';
import { useDateText } from '../hooks/use-date-text';
import { TextField } from './TextField';

/** A labelled date field shown and typed as dd/mm/yyyy; its value is ISO once it is a real day. */
export function DateField({ value, onChange, ...rest }: Omit<ComponentProps<typeof TextField>, 'type'>) {
  const date = useDateText(value, onChange);
  return <TextField {...rest} {...date} autoComplete="off" />;
}
