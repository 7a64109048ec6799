import type { StateContact } from '@docket/domain';
import { Table } from '@trussworks/react-uswds';

/** The state contacts of one revision. */
export function StateContactsTable({
  contacts,
  caption,
}: {
  contacts: readonly StateContact[];
  caption: string;
}) {
  const filled = contacts.filter((c) => c.givenName || c.familyName || c.titleRole || c.email);
  if (filled.length === 0) return <p className="text-base-dark">No state contacts yet.</p>;
  return (
    <Table fullWidth className="docket-contacts" caption={<span className="usa-sr-only">{caption}</span>}>
      <thead>
        <tr>
          <th scope="col" className="docket-contacts__name">
            Name
          </th>
          <th scope="col" className="docket-contacts__title">
            Title/role
          </th>
          <th scope="col">Email</th>
        </tr>
      </thead>
      <tbody>
        {filled.map((contact, index) => (
          <tr key={`${contact.email}-${index}`}>
            <th scope="row">
              {contact.givenName} {contact.familyName}
            </th>
            <td>{contact.titleRole}</td>
            <td>
              {contact.email && (
                <a className="usa-link" href={`mailto:${contact.email}`}>
                  {contact.email}
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
