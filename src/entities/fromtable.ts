// Entities from the cells selected in a table view ("Add as entities"). Pure: no DOM.
import type { Entities, TableViewer } from '../tokens';
import { inputFromCell, inputFromValue } from './entity';

/** Columns of an IoC extraction result (msticpy IoCExtract.extract_df). */
export const IOC_TYPE_COLUMN = 'IoCType';
export const OBSERVABLE_COLUMN = 'Observable';

/**
 * msticpy IoCType -> entity type, as msticpy's TI pivots map them (TI_ENTITY_ATTRIBS:
 * ipv4/ipv6 -> IpAddress, dns -> Dns, url -> Url, file_path -> File); hashes become FileHash
 * entities, e-mail addresses Mailbox entities. `ipv4_port` keeps the address: the port is not
 * part of an IpAddress.
 */
const IOC_ENTITY_TYPES: Record<string, [string, ((value: string) => string)?]> = {
  ipv4: ['IpAddress'],
  ipv6: ['IpAddress'],
  ipv4_port: ['IpAddress', value => value.replace(/:\d{1,5}$/, '')],
  dns: ['Dns'],
  url: ['Url'],
  md5_hash: ['FileHash'],
  sha1_hash: ['FileHash'],
  sha256_hash: ['FileHash'],
  email: ['Mailbox'],
  windows_path: ['File'],
  linux_path: ['File'],
  registry_key: ['RegistryKey']
};

/** The entity for one IoC result row, or why it is none. */
export function inputFromIoc(iocType: string, value: string): Entities.IInput | { error: string } {
  const mapped = IOC_ENTITY_TYPES[iocType.trim().toLowerCase()];
  if (!mapped) {
    return { error: `IoC type "${iocType.slice(0, 40)}" has no entity type.` };
  }
  const [type, clean] = mapped;
  return inputFromValue(type, clean ? clean(value.trim()) : value);
}

export type ISelection = Pick<
  TableViewer.IActionContext,
  'columns' | 'selectedCells' | 'selectedCellRows' | 'cellText'
>;

export interface ISelectionInputs {
  inputs: Entities.IInput[];
  /** Selected rows (IoC results) or cells (other tables) that are no entity, with why. */
  skipped: string[];
}

/**
 * Inputs for a selection. In an IoC result each selected row gives the entity of its
 * Observable, typed by its IoCType (whichever of its cells are selected); in other tables
 * each cell's type is inferred from its column name and value.
 */
export function selectionInputs(selection: ISelection): ISelectionInputs {
  const names = new Set(selection.columns.map(c => c.name));
  const { selectedCellRows: rows, cellText } = selection;
  const results =
    names.has(IOC_TYPE_COLUMN) && names.has(OBSERVABLE_COLUMN) && rows && cellText
      ? [...new Set(rows)].map(row =>
          inputFromIoc(cellText(row, IOC_TYPE_COLUMN) ?? '', cellText(row, OBSERVABLE_COLUMN) ?? '')
        )
      : selection.selectedCells.map(
          ([column, value]) =>
            inputFromCell(column, value) ?? { error: `${column}: not an entity value.` }
        );
  const inputs: Entities.IInput[] = [];
  const skipped: string[] = [];
  for (const result of results) {
    if ('error' in result) {
      skipped.push(result.error);
    } else {
      inputs.push(result);
    }
  }
  return { inputs, skipped };
}
