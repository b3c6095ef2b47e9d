import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { fakeCatalog } from '../__testUtils__/fixtures';
import {
  EntityRefPicker,
  normalizeTypedRef,
  OWNER_KINDS,
  PERSON_KINDS,
  searchTermOf,
} from './EntityRefPicker';

jest.setTimeout(60_000);

function MultiHarness(props: {
  initial?: string[];
  kinds?: string[];
  onChange?: (refs: string[]) => void;
}) {
  const [value, setValue] = useState(props.initial ?? []);
  return (
    <>
      <EntityRefPicker
        multiple
        id="picker"
        label="Owners"
        kinds={props.kinds ?? OWNER_KINDS}
        value={value}
        onChange={refs => {
          setValue(refs);
          props.onChange?.(refs);
        }}
      />
      <output data-testid="value">{JSON.stringify(value)}</output>
      <button type="button">Elsewhere</button>
    </>
  );
}

function SingleHarness(props: { initial?: string }) {
  const [value, setValue] = useState(props.initial ?? '');
  return (
    <>
      <EntityRefPicker
        id="picker"
        label="Commander"
        kinds={PERSON_KINDS}
        value={value}
        onChange={setValue}
      />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
  );
}

const shownValue = () =>
  JSON.parse(screen.getByTestId('value').textContent ?? 'null');

describe('normalizeTypedRef and searchTermOf', () => {
  it.each([
    ['Component:Default/legacy-billing', 'component:default/legacy-billing'],
    ['  user:default/alice ', 'user:default/alice'],
    ['checkout', 'checkout'],
    ['user:alice', 'user:alice'],
  ])('normalizes %j to %j', (typed, expected) => {
    expect(normalizeTypedRef(typed)).toBe(expected);
  });

  it.each([
    ['ali', 'ali'],
    ['user:default/ali', 'ali'],
    ['group:pay', 'pay'],
    ['user:default/', ''],
  ])('searches %j for %j', (typed, expected) => {
    expect(searchTermOf(typed)).toBe(expected);
  });
});

describe('EntityRefPicker', () => {
  it('offers catalog entities of the allowed kinds and adds the picked one as a full ref', async () => {
    const { catalog, queryEntities } = fakeCatalog();
    const onChange = jest.fn();
    await renderInTestApp(<MultiHarness onChange={onChange} />, {
      apis: [catalog],
    });

    await userEvent.type(screen.getByLabelText('Owners'), 'ali');
    await waitFor(() =>
      expect(queryEntities).toHaveBeenLastCalledWith(
        expect.objectContaining({
          filter: { kind: ['User', 'Group'] },
          fullTextFilter: {
            term: 'ali',
            fields: [
              'metadata.name',
              'metadata.title',
              'spec.profile.displayName',
            ],
          },
          limit: 20,
          orderFields: { field: 'metadata.name', order: 'asc' },
        }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByText('Searching the catalog…')).toBeNull(),
    );
    const option = screen.getByRole('option', { name: /Alice Smith/ });
    expect(option).toHaveTextContent('user:alice');
    expect(option).toHaveTextContent('User');
    // Components are not owners, though "alice-service" matches.
    expect(screen.getAllByRole('option')).toHaveLength(1);

    await userEvent.click(option);
    expect(onChange).toHaveBeenLastCalledWith(['user:default/alice']);
    const chip = screen.getByTestId('entity-ref-chip');
    expect(chip).toHaveAttribute('data-entity-ref', 'user:default/alice');
    // The typed search is done with.
    expect(screen.getByLabelText('Owners')).toHaveValue('');

    // Picked entities are not offered again; the rest are, by name.
    await userEvent.type(screen.getByLabelText('Owners'), 'p');
    expect(
      await screen.findByRole('option', { name: /Payments/ }),
    ).toHaveTextContent('group:payments');
    await userEvent.click(screen.getByRole('option', { name: /Payments/ }));
    expect(shownValue()).toEqual([
      'user:default/alice',
      'group:default/payments',
    ]);
  });

  it('lists the first entities by name when nothing is typed', async () => {
    const { catalog, queryEntities } = fakeCatalog();
    await renderInTestApp(<MultiHarness />, { apis: [catalog] });
    await userEvent.click(screen.getByLabelText('Owners'));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      expect.stringContaining('Alice Smith'),
      expect.stringContaining('Bob Jones'),
      expect.stringContaining('Guest'),
      expect.stringContaining('Payments'),
    ]);
    expect(queryEntities.mock.calls[0][0]).not.toHaveProperty('fullTextFilter');
  });

  it('says when nothing matches, and offers a typed full ref the catalog does not know', async () => {
    const { catalog } = fakeCatalog();
    await renderInTestApp(<MultiHarness />, { apis: [catalog] });
    const input = screen.getByLabelText('Owners');

    await userEvent.type(input, 'zzz');
    expect(
      await screen.findByText('No matching entities in the catalog'),
    ).toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, 'group:default/zzz');
    await userEvent.click(
      await screen.findByRole('option', { name: /Use group:default\/zzz/ }),
    );
    expect(shownValue()).toEqual(['group:default/zzz']);
  });

  it('adds typed refs on Enter and when leaving the field, so a slow catalog never blocks', async () => {
    const { catalog, queryEntities } = fakeCatalog();
    // The catalog never answers.
    queryEntities.mockImplementation(() => new Promise(() => {}));
    await renderInTestApp(<MultiHarness />, { apis: [catalog] });
    const input = screen.getByLabelText('Owners');

    await userEvent.type(input, 'Group:Default/sre{Enter}');
    expect(shownValue()).toEqual(['group:default/sre']);
    expect(input).toHaveValue('');

    await userEvent.type(input, 'user:default/carol, user:default/dave');
    expect(screen.getByText('Searching the catalog…')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(shownValue()).toEqual([
      'group:default/sre',
      'user:default/carol',
      'user:default/dave',
    ]);

    // Anything else is kept as typed, marked, for the form to explain.
    await userEvent.type(input, 'checkout{Enter}');
    expect(shownValue()).toEqual([
      'group:default/sre',
      'user:default/carol',
      'user:default/dave',
      'checkout',
    ]);
    expect(
      screen
        .getAllByTestId('entity-ref-chip')
        .map(c => c.getAttribute('data-entity-ref')),
    ).toEqual(shownValue());
  });

  it('removes a chip', async () => {
    const { catalog } = fakeCatalog();
    await renderInTestApp(
      <MultiHarness
        initial={['user:default/alice', 'group:default/payments']}
      />,
      { apis: [catalog] },
    );
    const chip = screen
      .getAllByTestId('entity-ref-chip')
      .find(c => c.getAttribute('data-entity-ref') === 'user:default/alice')!;
    await userEvent.click(chip.querySelector('svg')!);
    expect(shownValue()).toEqual(['group:default/payments']);
  });

  it('explains a catalog failure and still takes a typed ref', async () => {
    const { catalog, queryEntities } = fakeCatalog();
    queryEntities.mockRejectedValue(new Error('catalog is down'));
    await renderInTestApp(<MultiHarness />, { apis: [catalog] });
    await userEvent.type(screen.getByLabelText('Owners'), 'user:default/erin');
    expect(
      await screen.findByText(
        /Could not search the catalog \(catalog is down\)/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('option', { name: /Use user:default\/erin/ }),
    );
    expect(shownValue()).toEqual(['user:default/erin']);
  });

  describe('single', () => {
    it('shows the ref in the input and takes a picked user', async () => {
      const { catalog, queryEntities } = fakeCatalog();
      await renderInTestApp(<SingleHarness initial="user:default/bob" />, {
        apis: [catalog],
      });
      const input = screen.getByLabelText('Commander');
      expect(input).toHaveValue('user:default/bob');

      await userEvent.clear(input);
      await userEvent.type(input, 'smith');
      // Typing is the value, as in a text field, until something is picked.
      expect(shownValue()).toBe('smith');
      await waitFor(() =>
        expect(queryEntities).toHaveBeenLastCalledWith(
          expect.objectContaining({
            filter: { kind: ['User'] },
            fullTextFilter: expect.objectContaining({ term: 'smith' }),
          }),
        ),
      );
      await userEvent.click(
        await screen.findByRole('option', { name: /Alice Smith/ }),
      );
      expect(shownValue()).toBe('user:default/alice');
      expect(input).toHaveValue('user:default/alice');
    });

    it('takes a typed ref in canonical form, and empties', async () => {
      const { catalog } = fakeCatalog();
      await renderInTestApp(<SingleHarness />, { apis: [catalog] });
      const input = screen.getByLabelText('Commander');
      await userEvent.type(input, 'User:Default/zoe{Enter}');
      expect(shownValue()).toBe('user:default/zoe');
      // What was typed stays as typed.
      expect(input).toHaveValue('User:Default/zoe');
      await userEvent.clear(input);
      expect(shownValue()).toBe('');
    });

    it('keeps the spaces of a search by display name', async () => {
      const { catalog } = fakeCatalog();
      await renderInTestApp(<SingleHarness />, { apis: [catalog] });
      const input = screen.getByLabelText('Commander');
      await userEvent.type(input, 'Bob J');
      expect(input).toHaveValue('Bob J');
      expect(
        await screen.findByRole('option', { name: /Bob Jones/ }),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(
          within(screen.getByRole('listbox')).queryByText(/Alice/),
        ).not.toBeInTheDocument(),
      );
    });
  });
});
