// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatasourceInfo, Variable } from '../../../model';
import { testIds } from '../../testIds';
import { VariablesBar } from './VariablesBar';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const range = { from: NOW - 86_400_000, to: 'now' };

// What the BFF answers over the bundled samples (server/datasources/local/samples/fluent-bit-k8s):
// two datasources of the same kind with different pods, and a Loki only listed, so a
// datasource variable has kinds to filter by.
const capabilities = { tail: true, histogram: true, facets: true, explain: true };
const datasources: DatasourceInfo[] = [
  { id: 'local', name: 'Local samples', kind: 'local', languages: ['logql'], capabilities },
  { id: 'archive', name: 'Archive', kind: 'local', languages: ['logql'], capabilities },
  { id: 'loki', name: 'Loki', kind: 'loki', languages: ['logql'], capabilities },
];
const sampleValues: Record<string, Record<string, string[]>> = {
  local: {
    namespace: ['core', 'options'],
    pod: ['base', 'base-with-owner-references', 'k8s-logging-parser-disabled'],
  },
  archive: { pod: ['uat-myapp-12345', 'use-kubelet-enabled'] },
};
const asked: string[] = [];
const server = setupServer(
  http.get('*/api/v1/datasources', () => HttpResponse.json(datasources)),
  http.get('*/api/v1/datasources/:id/values', ({ request, params }) => {
    const url = new URL(request.url);
    asked.push(`${url.pathname}${url.search}`);
    const field = url.searchParams.get('field') ?? '';
    return HttpResponse.json(sampleValues[String(params['id'])]?.[field] ?? []);
  }),
  http.get('*/api/v1/datasources/:id/fields', ({ params }) =>
    HttpResponse.json(
      Object.keys(sampleValues[String(params['id'])] ?? {}).map((name) => ({
        name,
        type: 'label',
      })),
    ),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  asked.length = 0;
});
afterAll(() => server.close());

/** The dashboard page's part: it keeps the values and variables the bar reports. */
function Page({
  variables: initial,
  values: initialValues = {},
  editing = false,
  onValues,
  onVariables,
}: {
  variables: Variable[];
  values?: Record<string, string>;
  editing?: boolean;
  onValues?: (values: Record<string, string>) => void;
  onVariables?: (variables: Variable[]) => void;
}) {
  const [variables, setVariables] = useState(initial);
  const [values, setValues] = useState(initialValues);
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <VariablesBar
        variables={variables}
        values={values}
        editing={editing}
        range={range}
        onValuesChange={(next) => {
          onValues?.(next);
          setValues(next);
        }}
        onVariablesChange={(next) => {
          onVariables?.(next);
          setVariables(next);
        }}
      />
      <output data-testid="values">{JSON.stringify(values)}</output>
    </QueryClientProvider>
  );
}

const picker = (name: string) =>
  screen.getAllByTestId(testIds.variablePicker).find((p) => p.dataset['name'] === name)!;
const shownValues = () => JSON.parse(screen.getByTestId('values').textContent ?? '{}') as object;

const namespace: Variable = {
  kind: 'field',
  name: 'namespace',
  datasource: 'local',
  field: 'namespace',
};

describe('VariablesBar', () => {
  it('lists a field’s values from the values route and takes the first when none is set', async () => {
    const expected = sampleValues['local']!['namespace']!;
    expect(expected.length).toBeGreaterThan(1);
    const onValues = vi.fn();
    render(<Page variables={[namespace]} onValues={onValues} />);
    await waitFor(() => expect(shownValues()).toEqual({ namespace: expected[0] }));
    expect(onValues).toHaveBeenCalledTimes(1);
    expect(asked).toContain(
      `/api/v1/datasources/local/values?field=namespace&from=${range.from}&to=now`,
    );
    fireEvent.click(within(picker('namespace')).getByRole('button', { name: /namespace/ }));
    const options = screen.getAllByTestId(testIds.variableOption).map((o) => o.textContent);
    expect(options).toEqual(expected);
    const last = expected[expected.length - 1]!;
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search $namespace' }), {
      target: { value: last.slice(0, 4) },
    });
    expect(screen.getAllByTestId(testIds.variableOption).map((o) => o.textContent)).toContain(last);
    fireEvent.click(screen.getByRole('button', { name: last }));
    expect(shownValues()).toEqual({ namespace: last });
  });

  it('walks the options with the arrow keys, and takes a typed value Enter confirms', async () => {
    const expected = sampleValues['local']!['namespace']!;
    render(<Page variables={[namespace]} />);
    await waitFor(() => expect(shownValues()).toEqual({ namespace: expected[0] }));
    const open = () =>
      fireEvent.click(within(picker('namespace')).getByRole('button', { name: /namespace/ }));
    open();
    const search = screen.getByRole('searchbox', { name: 'Search $namespace' });
    // Two options: the second Down stays on the last, Up goes back, Down lands on it again.
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowDown']) {
      fireEvent.keyDown(search, { key });
    }
    expect(screen.getAllByRole('option')[1]!.className).toBe('active');
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(shownValues()).toEqual({ namespace: expected[1] });
    open();
    const again = screen.getByRole('searchbox', { name: 'Search $namespace' });
    fireEvent.change(again, { target: { value: 'payments' } });
    expect(screen.queryAllByTestId(testIds.variableOption)).toHaveLength(0);
    fireEvent.keyDown(again, { key: 'Enter' });
    expect(shownValues()).toEqual({ namespace: 'payments' });
  });

  it('takes the saved current value before the first option, and keeps a value already set', async () => {
    const expected = sampleValues['local']!['namespace']!;
    const current = expected[1]!;
    render(<Page variables={[{ ...namespace, current }]} />);
    await waitFor(() => expect(shownValues()).toEqual({ namespace: current }));
    cleanup();
    const onValues = vi.fn();
    render(<Page variables={[namespace]} values={{ namespace: 'kept' }} onValues={onValues} />);
    await waitFor(() => expect(picker('namespace').textContent).toContain('kept'));
    await new Promise((r) => setTimeout(r, 200));
    expect(onValues).not.toHaveBeenCalled();
  });

  it('resolves a field variable’s datasource through a datasource variable', async () => {
    const ds: Variable = {
      kind: 'datasource',
      name: 'ds',
      label: 'Source',
      datasourceKind: 'local',
    };
    const pod: Variable = { kind: 'field', name: 'pod', datasource: '$ds', field: 'pod' };
    render(<Page variables={[ds, pod]} />);
    const pods = sampleValues['local']!['pod']!;
    await waitFor(() => expect(shownValues()).toEqual({ ds: 'local', pod: pods[0] }));
    expect(asked.some((a) => a.startsWith('/api/v1/datasources/local/values?field=pod'))).toBe(
      true,
    );
    fireEvent.click(within(picker('ds')).getByRole('button', { name: /Source/ }));
    // Only datasources of the variable's kind, by name: the Loki one is left out.
    expect(screen.getAllByTestId(testIds.variableOption).map((o) => o.textContent)).toEqual([
      'Local samples',
      'Archive',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    await waitFor(() =>
      expect(asked.some((a) => a.startsWith('/api/v1/datasources/archive/values?field=pod'))).toBe(
        true,
      ),
    );
    expect(shownValues()).toMatchObject({ ds: 'archive' });
  });

  it('says a field variable waits for its datasource variable', () => {
    const pod: Variable = { kind: 'field', name: 'pod', datasource: '$ds', field: 'pod' };
    render(<Page variables={[pod]} />);
    fireEvent.click(within(picker('pod')).getByRole('button', { name: /pod/ }));
    expect(picker('pod').textContent).toContain('$ds has no value yet');
  });

  it('adds a variable only once the model’s schema accepts it, showing its message', async () => {
    const onVariables = vi.fn();
    render(<Page variables={[namespace]} editing onVariables={onVariables} />);
    fireEvent.click(screen.getByTestId(testIds.variableAdd));
    const editor = screen.getByTestId(testIds.variableEditor);
    const box = (name: string) => editor.querySelector(`[name="${name}"]`)!;
    fireEvent.change(box('name'), { target: { value: '1pod' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Add' }));
    const alert = within(editor).getByRole('alert');
    expect(alert.textContent).toContain(
      'name: a variable name is a letter or _ then up to 31 letters, digits or _',
    );
    expect(alert.textContent).toContain('datasource: choose a datasource or a $variable');
    expect(alert.textContent).toContain('field: name the field whose values are offered');
    fireEvent.change(box('name'), { target: { value: 'namespace' } });
    await waitFor(() => expect(within(editor).getByRole('option', { name: 'Local samples' })));
    fireEvent.change(box('datasource'), { target: { value: 'local' } });
    fireEvent.change(box('field'), { target: { value: 'pod' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Add' }));
    expect(within(editor).getByRole('alert').textContent).toContain(
      'another variable is already called "namespace"',
    );
    expect(onVariables).not.toHaveBeenCalled();
    fireEvent.change(box('name'), { target: { value: 'pod' } });
    fireEvent.change(box('label'), { target: { value: 'Pod' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Add' }));
    expect(onVariables).toHaveBeenCalledWith([
      namespace,
      { kind: 'field', name: 'pod', label: 'Pod', datasource: 'local', field: 'pod' },
    ]);
    expect(screen.queryByTestId(testIds.variableEditor)).toBeNull();
    await waitFor(() => expect(picker('pod').textContent).toContain('Pod'));
  });

  it('removes a variable and edits one in place', async () => {
    const onVariables = vi.fn();
    const pod: Variable = { kind: 'field', name: 'pod', datasource: 'local', field: 'pod' };
    render(<Page variables={[namespace, pod]} editing onVariables={onVariables} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit $pod' }));
    const editor = screen.getByTestId(testIds.variableEditor);
    fireEvent.change(editor.querySelector('[name="field"]')!, { target: { value: 'container' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Apply' }));
    expect(onVariables).toHaveBeenLastCalledWith([namespace, { ...pod, field: 'container' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove $namespace' }));
    expect(onVariables).toHaveBeenLastCalledWith([{ ...pod, field: 'container' }]);
  });
});
