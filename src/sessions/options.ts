// The "Score sessions" form: which columns of a table hold what, guessed from names and types
// (msticpy's sample data and Sentinel schemas), and the job arguments it becomes.
import type { IFormField, FieldValue } from '../ui/formdialog';
import type { Translate } from '../common/translate';
import { columnOptions } from '../ui/formdialog';
import type { IScoreSessionsJobArgs } from '../protocol';
import { guessColumn, IColumn, isTimestamp } from '../ui/columns';

const NONE = '';

const isList = (type: string) => type.startsWith('list');

export function sessionFormFields(columns: IColumn[], labels: Translate): IFormField[] {
  const none: [string, string] = [NONE, labels('(none)')];
  const sessionColumn = guessColumn(
    columns,
    [/^session/i, /_list$/i, /^(cmds?|commands?)$/i],
    t => isList(t) || t === 'utf8'
  );
  return [
    {
      name: 'sessionColumn',
      label: labels('Session column (one session per row)'),
      kind: 'select',
      options: [
        [NONE, labels('(sessionize the events below)')],
        ...columnOptions(columns, t => isList(t) || t === 'utf8')
      ],
      value: sessionColumn,
      help: labels('A list of commands per row; or leave empty to group events into sessions')
    },
    {
      name: 'userColumn',
      label: labels('Events: user column'),
      kind: 'select',
      options: [none, ...columnOptions(columns)],
      value: guessColumn(columns, [
        /^account$/i,
        /^(user|username|subjectusername|targetusername)$/i,
        /user/i
      ])
    },
    {
      name: 'timeColumn',
      label: labels('Events: time column'),
      kind: 'select',
      options: [none, ...columnOptions(columns, isTimestamp)],
      value: guessColumn(columns, [/^timegenerated$/i, /time/i], isTimestamp)
    },
    {
      name: 'commandColumn',
      label: labels('Events: command column'),
      kind: 'select',
      options: [none, ...columnOptions(columns)],
      value: guessColumn(columns, [
        /^newprocessname$/i,
        /^(command|cmd|operation|operationname)$/i,
        /process/i
      ])
    },
    {
      name: 'paramsColumn',
      label: labels('Events: parameters column (optional)'),
      kind: 'select',
      options: [none, ...columnOptions(columns)],
      value: NONE
    },
    {
      name: 'maxSessionMinutes',
      label: labels('Max session length (minutes)'),
      kind: 'number',
      value: 20,
      min: 1
    },
    {
      name: 'maxGapMinutes',
      label: labels('Max gap between events (minutes)'),
      kind: 'number',
      value: 2,
      min: 0
    },
    {
      name: 'windowLength',
      label: labels('Rarest window length'),
      kind: 'number',
      value: 3,
      min: 1,
      max: 20
    },
    {
      name: 'useStartEndTokens',
      label: labels('Use start/end tokens'),
      kind: 'checkbox',
      value: true
    }
  ];
}

/** Job arguments from the form, or an error naming what is missing. */
export function sessionJobArgs(
  tableId: number,
  v: Record<string, FieldValue>
): IScoreSessionsJobArgs {
  const windowLength = Number(v.windowLength);
  if (!Number.isInteger(windowLength) || windowLength < 1) {
    throw new Error('The rarest window length must be a whole number of at least 1');
  }
  const common = { tableId, windowLength, useStartEndTokens: Boolean(v.useStartEndTokens) };
  if (v.sessionColumn) {
    return { ...common, sessionColumn: String(v.sessionColumn) };
  }
  if (!v.timeColumn || !v.commandColumn) {
    throw new Error(
      'Choose a session column, or a time column and a command column to sessionize events'
    );
  }
  return {
    ...common,
    userColumns: v.userColumn ? [String(v.userColumn)] : [],
    timeColumn: String(v.timeColumn),
    commandColumn: String(v.commandColumn),
    paramsColumn: v.paramsColumn ? String(v.paramsColumn) : undefined,
    maxSessionMinutes: Number(v.maxSessionMinutes),
    maxGapMinutes: Number(v.maxGapMinutes)
  };
}
