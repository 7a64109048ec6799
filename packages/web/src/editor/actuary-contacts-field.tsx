import { ACTUARIAL_FIRMS, MAX_ACTUARIES, type ActuaryContact, ACTUARIAL_FIRM_LABELS } from '@docket/domain';
import { Button, ErrorMessage, Fieldset } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import { SelectField } from '../components/fields/select-field';
import { TextField } from '../components/fields/text-field';
import { errorIdFor, fieldId } from '../forms/field-ids';
import { emptyActuary } from '../forms/filing-draft';
import { HintAndError } from '../components/fields/field-parts';

interface Props {
  /** The list's id, e.g. `rates.0.certifyingActuaryContacts`; each contact's fields are under it. */
  id: string;
  legend: string;
  hint: string;
  /** What one contact is called: "Certifying actuary", "Additional actuary". */
  noun: string;
  contacts: readonly ActuaryContact[];
  onChange: (contacts: ActuaryContact[]) => void;
  /** How many must stay (the certifying actuary is required). */
  minimum: number;
  errors: ReadonlyMap<string, string>;
}

const FIRMS = ACTUARIAL_FIRMS.map((value) => ({ value, label: ACTUARIAL_FIRM_LABELS[value] }));

/** A list of actuary contacts: name, title, email and firm ("other" asks for the firm's name). */
export function ActuaryContactsField({ id, legend, hint, noun, contacts, onChange, minimum, errors }: Props) {
  const focusAfterAdd = useRef<number | null>(null);
  const addId = `${id}-add`;

  useEffect(() => {
    if (focusAfterAdd.current === null) return;
    document.getElementById(fieldId(id, focusAfterAdd.current, 'name'))?.focus();
    focusAfterAdd.current = null;
  }, [contacts.length, id]);

  const set = (index: number, change: Partial<ActuaryContact>) =>
    onChange(contacts.map((contact, i) => (i === index ? { ...contact, ...change } : contact)));
  const add = () => {
    focusAfterAdd.current = contacts.length;
    onChange([...contacts, emptyActuary()]);
  };
  const remove = (index: number) => {
    onChange(contacts.filter((_, i) => i !== index));
    document.getElementById(addId)?.focus();
  };

  const groupError = errors.get(id);
  return (
    <Fieldset
      id={id}
      legend={legend}
      className="margin-top-4"
      aria-describedby={[`${id}-hint`, groupError ? errorIdFor(id) : null].filter(Boolean).join(' ')}
    >
      <HintAndError id={id} hint={hint} error={groupError} />
      {contacts.map((contact, index) => {
        const at = (field: keyof ActuaryContact) => fieldId(id, index, field);
        // An issue about the whole contact (the server refused its shape) shows under its legend.
        const itemId = fieldId(id, index);
        const itemError = errors.get(itemId);
        return (
          <Fieldset
            key={index}
            id={itemId}
            legend={`${noun} ${index + 1}`}
            className="margin-top-3 padding-left-2 border-left-05 border-base-lighter"
            aria-describedby={itemError ? errorIdFor(itemId) : undefined}
          >
            {itemError && <ErrorMessage id={errorIdFor(itemId)}>{itemError}</ErrorMessage>}
            <TextField
              id={at('name')}
              label="Name"
              autoComplete="off"
              value={contact.name}
              onChange={(name) => set(index, { name })}
              error={errors.get(at('name'))}
            />
            <TextField
              id={at('titleRole')}
              label="Title/role"
              autoComplete="off"
              value={contact.titleRole}
              onChange={(titleRole) => set(index, { titleRole })}
              error={errors.get(at('titleRole'))}
            />
            <TextField
              id={at('email')}
              label="Email"
              type="email"
              autoComplete="off"
              value={contact.email}
              onChange={(email) => set(index, { email })}
              error={errors.get(at('email'))}
            />
            <SelectField
              id={at('actuarialFirm')}
              label="Actuarial firm"
              options={FIRMS}
              value={contact.actuarialFirm ?? ''}
              onChange={(firm) => set(index, { actuarialFirm: firm || undefined })}
              error={errors.get(at('actuarialFirm'))}
            />
            {contact.actuarialFirm === 'OTHER' && (
              <TextField
                id={at('actuarialFirmOther')}
                label="Name of the actuarial firm"
                value={contact.actuarialFirmOther}
                onChange={(actuarialFirmOther) => set(index, { actuarialFirmOther })}
                error={errors.get(at('actuarialFirmOther'))}
              />
            )}
            {contacts.length > minimum && (
              <Button type="button" unstyled className="margin-top-2" onClick={() => remove(index)}>
                Remove {noun.toLowerCase()} {index + 1}
              </Button>
            )}
          </Fieldset>
        );
      })}
      {contacts.length < MAX_ACTUARIES && (
        <Button id={addId} type="button" outline className="margin-top-3" onClick={add}>
          Add {contacts.length > 0 ? 'another' : /^[aeiou]/i.test(noun) ? 'an' : 'a'} {noun.toLowerCase()}
        </Button>
      )}
    </Fieldset>
  );
}
