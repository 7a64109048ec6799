import { StateContactsField } from './state-contacts-field';
import { updateForm, type StepProps } from './step-props';

/** The state contacts (DOMAIN §3.4). */
export function ContactsStep({ draft, update, errors }: StepProps) {
  return (
    <StateContactsField
      contacts={draft.form.stateContacts}
      onChange={(contacts) => updateForm(update, (form) => ({ ...form, stateContacts: contacts }))}
      errors={errors}
    />
  );
}
