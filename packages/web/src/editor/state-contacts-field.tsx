import { MAX_CONTACTS, type StateContact } from '@docket/domain';
import { Button, ErrorMessage, Fieldset, FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import { errorIdFor, fieldId } from '../forms/field-ids';
import { emptyContact } from '../forms/filing-draft';

type ContactField = keyof StateContact;
const contactFieldId = (index: number, field: ContactField) => fieldId('stateContacts', index, field);

interface Props {
  contacts: readonly StateContact[];
  onChange: (contacts: StateContact[]) => void;
  /** Inline errors by field id (`stateContacts`, `stateContacts.0.email`, ...). */
  errors: ReadonlyMap<string, string>;
}

const FIELDS: readonly {
  field: ContactField;
  label: string;
  type: 'text' | 'email';
  autoComplete: string;
}[] = [
  { field: 'givenName', label: 'Given name', type: 'text', autoComplete: 'given-name' },
  { field: 'familyName', label: 'Family name', type: 'text', autoComplete: 'family-name' },
  { field: 'titleRole', label: 'Title/role', type: 'text', autoComplete: 'organization-title' },
  { field: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
];

/** The state's contacts for this submission: one or more, each with a name, title and email. */
export function StateContactsField({ contacts, onChange, errors }: Props) {
  const focusAfterAdd = useRef<number | null>(null);

  useEffect(() => {
    if (focusAfterAdd.current === null) return;
    document.getElementById(contactFieldId(focusAfterAdd.current, 'givenName'))?.focus();
    focusAfterAdd.current = null;
  }, [contacts.length]);

  const update = (index: number, field: ContactField, value: string) => {
    onChange(contacts.map((contact, i) => (i === index ? { ...contact, [field]: value } : contact)));
  };
  const add = () => {
    focusAfterAdd.current = contacts.length;
    onChange([...contacts, emptyContact()]);
  };
  const remove = (index: number) => {
    onChange(contacts.filter((_, i) => i !== index));
    document.getElementById('add-state-contact')?.focus();
  };

  const groupError = errors.get('stateContacts');
  return (
    <FormGroup error={Boolean(groupError)}>
      <Fieldset
        id="stateContacts"
        legend="State contacts"
        legendStyle="large"
        aria-describedby={['stateContacts-hint', groupError ? errorIdFor('stateContacts') : null]
          .filter(Boolean)
          .join(' ')}
      >
        <span className="usa-hint" id="stateContacts-hint">
          The state staff who should receive CMS&apos;s communication about this submission.
        </span>
        {groupError && <ErrorMessage id={errorIdFor('stateContacts')}>{groupError}</ErrorMessage>}
        {contacts.map((contact, index) => {
          // An issue about the whole contact (the server refused its shape) shows under its legend.
          const itemId = fieldId('stateContacts', index);
          const itemError = errors.get(itemId);
          return (
            <Fieldset
              key={index}
              id={itemId}
              legend={`State contact ${index + 1}`}
              className="margin-top-3"
              aria-describedby={itemError ? errorIdFor(itemId) : undefined}
            >
              {itemError && <ErrorMessage id={errorIdFor(itemId)}>{itemError}</ErrorMessage>}
              {FIELDS.map(({ field, label, type, autoComplete }) => {
                const id = contactFieldId(index, field);
                const error = errors.get(id);
                return (
                  <FormGroup key={field} error={Boolean(error)}>
                    <Label htmlFor={id} error={Boolean(error)}>
                      {label}
                    </Label>
                    {error && <ErrorMessage id={errorIdFor(id)}>{error}</ErrorMessage>}
                    <TextInput
                      id={id}
                      name={id}
                      type={type}
                      autoComplete={autoComplete}
                      value={contact[field]}
                      onChange={(event) => update(index, field, event.target.value)}
                      validationStatus={error ? 'error' : undefined}
                      aria-describedby={error ? errorIdFor(id) : undefined}
                    />
                  </FormGroup>
                );
              })}
              {contacts.length > 1 && (
                <Button type="button" unstyled className="margin-top-2" onClick={() => remove(index)}>
                  Remove state contact {index + 1}
                </Button>
              )}
            </Fieldset>
          );
        })}
        {contacts.length < MAX_CONTACTS && (
          <Button id="add-state-contact" type="button" outline className="margin-top-3" onClick={add}>
            Add another state contact
          </Button>
        )}
      </Fieldset>
    </FormGroup>
  );
}
