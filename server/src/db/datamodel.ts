/**
 * Reads schema.prisma's data model (DMMF) with Prisma's own schema parser (WASM, no engine binary).
 * Used to render migration DDL and to prove that the migrations match the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}
export interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  name?: string;
  dbName?: string;
  fields: { name: string; length?: number }[];
}
export interface Datamodel {
  enums: { name: string; values: { name: string }[] }[];
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

export const SCHEMA_DIR = resolve(__dirname, '..', '..', 'prisma', 'schema');

export function readDatamodel(schemaDir = SCHEMA_DIR): Datamodel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.prisma'))
    .map((f) => [join(schemaDir, f), readFileSync(join(schemaDir, f), 'utf8')]);
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: files }))).datamodel as Datamodel;
}

export const tableName = (model: DmmfModel) => model.dbName ?? model.name;
export const columnName = (field: DmmfField) => field.dbName ?? field.name;
export const columnsOf = (model: DmmfModel) => model.fields.filter((f) => f.kind !== 'object');
