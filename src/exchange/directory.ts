/** Department ids ↔ codes and names for views and audit entries, cached (departments change rarely). */
export interface DepartmentLister {
  listDepartments(): Promise<ReadonlyArray<{ id: string; code: string; name: string }>>;
}

export function createDepartmentNames(identity: DepartmentLister) {
  let byId = new Map<string, { id: string; code: string; name: string }>();
  let byCode = new Map<string, { id: string; code: string; name: string }>();
  async function reload() {
    const list = await identity.listDepartments();
    byId = new Map(list.map((d) => [d.id, d]));
    byCode = new Map(list.map((d) => [d.code, d]));
  }
  return {
    async byId(id: string) {
      if (!byId.has(id)) await reload();
      return byId.get(id);
    },
    async byCode(code: string) {
      if (!byCode.has(code)) await reload();
      return byCode.get(code);
    },
    async ref(id: string) {
      const d = await this.byId(id);
      return { id, code: d?.code ?? '', name: d?.name ?? '' };
    },
  };
}

export type DepartmentNames = ReturnType<typeof createDepartmentNames>;
