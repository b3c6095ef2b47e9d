import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityDisplayName,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { isFullEntityRef } from '@vigil/backstage-plugin-incidents-common';
import {
  Box,
  Chip,
  CircularProgress,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import { Autocomplete, AutocompleteRenderInputParams } from '@material-ui/lab';
import {
  CSSProperties,
  FocusEvent,
  ReactNode,
  useEffect,
  useMemo,
  useState,
} from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useDebounce from 'react-use/esm/useDebounce';
import { errorMessage } from '../api/errors';
import { splitRefs } from '../lib/format';

/** Kinds an incident can affect. */
export const AFFECTED_ENTITY_KINDS = [
  'Component',
  'System',
  'Resource',
  'API',
  'Group',
  'Domain',
];
/** Kinds that can hold an incident role or author a postmortem. */
export const PERSON_KINDS = ['User'];
/** Kinds that can own an action item. */
export const OWNER_KINDS = ['User', 'Group'];

/** Wait for typing to pause before asking the catalog. */
export const CATALOG_SEARCH_DEBOUNCE_MS = 250;
const CATALOG_SEARCH_LIMIT = 20;
const SEARCH_FIELDS = [
  'metadata.name',
  'metadata.title',
  'spec.profile.displayName',
];
const RESPONSE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.profile.displayName',
];

interface EntityOption {
  type: 'entity';
  ref: string;
  title: string;
  humanRef: string;
  kind: string;
}

type PickerOption =
  | EntityOption
  /** A full ref the user typed that the catalog did not return. */
  | { type: 'typed'; ref: string }
  /** Not selectable: no matches, or the catalog failed. */
  | { type: 'message'; ref: string; text: string };

const useStyles = makeStyles(theme => ({
  option: {
    display: 'flex',
    alignItems: 'center',
    width: '100%',
    gap: theme.spacing(1),
  },
  optionText: { flex: 1, minWidth: 0, overflowWrap: 'anywhere' },
  kind: { flexShrink: 0 },
  invalid: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/**
 * A typed full ref in canonical form (kind and namespace lower-case, as
 * stringifyEntityRef writes them); anything else as typed, for the form's
 * validation to report.
 */
export function normalizeTypedRef(text: string): string {
  const trimmed = text.trim();
  if (!isFullEntityRef(trimmed)) return trimmed;
  return stringifyEntityRef(parseEntityRef(trimmed));
}

/** The part of typed text to search for: "user:default/ali" searches "ali". */
export function searchTermOf(text: string): string {
  return text
    .trim()
    .replace(/^.*[:/]/, '')
    .trim();
}

function toOption(entity: Entity): EntityOption {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: unknown };
  const displayName =
    typeof profile.displayName === 'string' ? profile.displayName : undefined;
  return {
    type: 'entity',
    ref: stringifyEntityRef(entity),
    title: displayName || entity.metadata.title || entity.metadata.name,
    humanRef: humanizeEntityRef(entity),
    kind: entity.kind,
  };
}

interface BaseProps {
  id: string;
  label: string;
  /** Catalog kinds offered, e.g. `['User', 'Group']`. */
  kinds: string[];
  required?: boolean;
  disabled?: boolean;
  error?: boolean;
  helperText?: ReactNode;
  placeholder?: string;
  size?: 'small' | 'medium';
  margin?: 'none' | 'dense' | 'normal';
  fullWidth?: boolean;
  style?: CSSProperties;
  /** Accessible name of the input when the visible label is not unique. */
  inputAriaLabel?: string;
}

export type EntityRefPickerProps = BaseProps &
  (
    | {
        multiple: true;
        value: string[];
        onChange: (refs: string[]) => void;
      }
    | {
        multiple?: false;
        /** The ref, or what the user is typing; empty for none. */
        value: string;
        onChange: (ref: string) => void;
      }
  );

/**
 * Picks entities from the catalog by name, title or display name; the value
 * is full entity refs. A full ref typed by hand is accepted too (the catalog
 * may be slow, or the entity not registered yet), and anything else typed is
 * kept for the form's validation to explain.
 *
 * Single: the input holds the ref, and typing changes the value (trimmed, a
 * full ref in canonical form), as a text field would. Multiple: refs are
 * chips; Enter or leaving the field adds the typed text (several refs
 * separated by commas or spaces).
 */
export function EntityRefPicker(props: EntityRefPickerProps) {
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const { kinds } = props;
  const kindsKey = kinds.join(',');
  const [open, setOpen] = useState(false);
  const [inputText, setInputText] = useState(() =>
    props.multiple ? '' : props.value,
  );
  // What the user typed to search; not the ref a selection put in the input.
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(searchTermOf(typed)), CATALOG_SEARCH_DEBOUNCE_MS, [
    typed,
  ]);
  const debouncing = searchTermOf(typed) !== term;

  // Asks only while the list is open: a form may hold many pickers.
  const [search, runSearch] = useAsyncFn(
    async (searchTerm: string) => {
      const response = await catalogApi.queryEntities({
        filter: { kind: kindsKey.split(',') },
        ...(searchTerm
          ? { fullTextFilter: { term: searchTerm, fields: SEARCH_FIELDS } }
          : {}),
        fields: RESPONSE_FIELDS,
        limit: CATALOG_SEARCH_LIMIT,
        orderFields: { field: 'metadata.name', order: 'asc' },
      });
      return { term: searchTerm, options: response.items.map(toOption) };
    },
    [catalogApi, kindsKey],
  );
  useEffect(() => {
    if (open) runSearch(term);
  }, [open, term, runSearch]);
  // Until the answer for the current term is in (avoids a flash of "no matches").
  const settled =
    !debouncing &&
    !search.loading &&
    (search.error !== undefined || search.value?.term === term);
  const loading = open && !settled;

  const selected = useMemo(
    () => (props.multiple ? props.value : [props.value].filter(Boolean)),
    [props.multiple, props.value],
  );

  const options = useMemo((): PickerOption[] => {
    if (!open) return [];
    const current = searchTermOf(typed).toLocaleLowerCase('en-US');
    const stale = search.value?.term !== searchTermOf(typed);
    const found = (search.value?.options ?? []).filter(
      o =>
        (!props.multiple || !selected.includes(o.ref)) &&
        // Until the catalog answers the new search, narrow the last answer.
        (!stale ||
          `${o.title} ${o.ref}`.toLocaleLowerCase('en-US').includes(current)),
    );
    const list: PickerOption[] = [...found];
    const typedRef = normalizeTypedRef(typed);
    if (
      isFullEntityRef(typedRef) &&
      !selected.includes(typedRef) &&
      !found.some(o => o.ref === typedRef)
    ) {
      list.push({ type: 'typed', ref: typedRef });
    }
    if (search.error) {
      list.push({
        type: 'message',
        ref: '#error',
        text: `Could not search the catalog (${errorMessage(
          search.error,
        )}); type a full ref kind:namespace/name instead`,
      });
    } else if (!loading && found.length === 0) {
      list.push({
        type: 'message',
        ref: '#none',
        text: typed.trim()
          ? 'No matching entities in the catalog'
          : 'No entities to pick from in the catalog',
      });
    }
    return list;
  }, [
    open,
    search.value,
    search.error,
    loading,
    typed,
    selected,
    props.multiple,
  ]);

  const refOf = (option: PickerOption | string) =>
    typeof option === 'string' ? option : option.ref;

  const commitTyped = () => {
    if (!props.multiple || !inputText.trim()) return;
    const added = splitRefs(inputText).map(normalizeTypedRef);
    props.onChange([...new Set([...props.value, ...added])]);
    setInputText('');
    setTyped('');
  };

  const renderOption = (option: PickerOption) => {
    if (option.type === 'message') {
      return (
        <Typography variant="body2" color="textSecondary">
          {option.text}
        </Typography>
      );
    }
    if (option.type === 'typed') {
      return (
        <Typography variant="body2">
          Use <strong>{option.ref}</strong> as typed
        </Typography>
      );
    }
    return (
      <Box className={classes.option}>
        <Box className={classes.optionText}>
          <Typography variant="body2">{option.title}</Typography>
          <Typography variant="caption" color="textSecondary">
            {option.humanRef}
          </Typography>
        </Box>
        <Chip
          size="small"
          variant="outlined"
          label={option.kind}
          className={classes.kind}
        />
      </Box>
    );
  };

  const textField = (params: AutocompleteRenderInputParams) => (
    <TextField
      {...params}
      variant="outlined"
      label={props.label}
      required={props.required}
      error={props.error}
      helperText={props.helperText}
      placeholder={
        props.multiple && props.value.length > 0 ? undefined : props.placeholder
      }
      margin={props.margin}
      inputProps={{
        ...params.inputProps,
        ...(props.inputAriaLabel ? { 'aria-label': props.inputAriaLabel } : {}),
        onBlur: (event: FocusEvent<HTMLInputElement>) => {
          (
            params.inputProps as { onBlur?: (e: typeof event) => void }
          ).onBlur?.(event);
          commitTyped();
        },
      }}
      InputProps={{
        ...params.InputProps,
        endAdornment: (
          <>
            {loading && <CircularProgress color="inherit" size={16} />}
            {params.InputProps.endAdornment}
          </>
        ),
      }}
    />
  );

  const common = {
    id: props.id,
    open,
    onOpen: () => setOpen(true),
    onClose: () => setOpen(false),
    options,
    loading,
    loadingText: 'Searching the catalog…',
    // The catalog filters; the options are its answer.
    filterOptions: (o: PickerOption[]) => o,
    getOptionLabel: refOf,
    getOptionSelected: (option: PickerOption, value: PickerOption | string) =>
      option.ref === refOf(value),
    getOptionDisabled: (option: PickerOption) => option.type === 'message',
    renderOption,
    renderInput: textField,
    inputValue: inputText,
    disabled: props.disabled,
    fullWidth: props.fullWidth ?? true,
    size: props.size,
    style: props.style,
    freeSolo: true as const,
    handleHomeEndKeys: false,
  };

  if (props.multiple) {
    const { onChange, value } = props;
    return (
      <Autocomplete<PickerOption, true, false, true>
        {...common}
        multiple
        value={value}
        onInputChange={(_event, text, reason) => {
          // Ignore 'reset': it also fires when the parent passes a new array
          // with the same refs, which would wipe what the user is typing.
          if (reason === 'reset') return;
          setInputText(text);
          setTyped(text);
        }}
        onChange={(_event, next, reason) => {
          const refs = next.flatMap(item =>
            typeof item === 'string'
              ? splitRefs(item).map(normalizeTypedRef)
              : [item.ref],
          );
          onChange([...new Set(refs)]);
          if (reason !== 'remove-option') {
            setInputText('');
            setTyped('');
          }
        }}
        renderTags={(tags, getTagProps) =>
          tags.map((tag, index) => {
            const ref = refOf(tag);
            const valid = isFullEntityRef(ref);
            return (
              <Chip
                {...getTagProps({ index })}
                key={ref}
                size="small"
                className={valid ? undefined : classes.invalid}
                label={valid ? <EntityDisplayName entityRef={ref} /> : ref}
                data-testid="entity-ref-chip"
                data-entity-ref={ref}
              />
            );
          })
        }
      />
    );
  }

  const { onChange, value } = props;
  return (
    <Autocomplete<PickerOption, false, false, true>
      {...common}
      value={value || null}
      onInputChange={(_event, text, reason) => {
        if (reason === 'input') {
          setInputText(text);
          setTyped(text);
          onChange(normalizeTypedRef(text));
          return;
        }
        // 'reset' echoes the value into the input: after a selection, or
        // after our own onChange above (keep what the user typed then).
        if (reason === 'reset' && text === normalizeTypedRef(inputText)) {
          return;
        }
        setInputText(text);
        setTyped('');
      }}
      onChange={(_event, next) => {
        if (next === null) onChange('');
        else if (typeof next === 'string') onChange(normalizeTypedRef(next));
        else onChange(next.ref);
        setTyped('');
      }}
    />
  );
}
