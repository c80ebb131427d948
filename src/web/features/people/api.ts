import { api, type Page } from '../../api.js';
import type { Role } from '../../../shared/roles.js';

export interface Ref {
  id: string;
  name: string;
}

export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  title: string | null;
  photoUrl: string | null;
  status: string;
  department: Ref | null;
  team: Ref | null;
  location: Ref | null;
  managerId: string | null;
  /** Active direct reports; sent by the org chart and profiles, not by the directory. */
  reportsCount?: number;
}

export interface Person extends PersonSummary {
  roles: string[];
  bio: string | null;
  skills: string[];
  interests: string[];
  languages: string[];
  timezone: string | null;
  pronouns: string | null;
  phone: string | null;
  startDate: string | null;
  locale: string | null;
  employeeNumber: string | null;
  twoFactor?: boolean;
  deactivatedAt: string | null;
  managers: { id: string; name: string; title: string | null; photoUrl: string | null }[];
  canEdit: boolean;
  canAdmin: boolean;
}

export interface ProfilePatch {
  name?: string;
  title?: string | null;
  bio?: string | null;
  skills?: string[];
  interests?: string[];
  languages?: string[];
  timezone?: string | null;
  pronouns?: string | null;
  phone?: string | null;
  startDate?: string | null;
  locale?: 'en' | 'it' | null;
}

export interface AdminPersonPatch {
  name?: string;
  email?: string;
  title?: string | null;
  roles?: Role[];
  managerId?: string | null;
  departmentId?: string | null;
  teamId?: string | null;
  locationId?: string | null;
  employeeNumber?: string | null;
}

export interface PeopleFilters {
  q?: string;
  departmentId?: string;
  teamId?: string;
  locationId?: string;
  includeDeactivated?: boolean;
}

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  people: number;
}
/** A department's name with its parents, e.g. "Sales › Italy". */
export function departmentPath(d: Department, byId: ReadonlyMap<string, Department>): string {
  const names = [d.name];
  const seen = new Set([d.id]);
  let parent = d.parentId ? byId.get(d.parentId) : undefined;
  while (parent && !seen.has(parent.id)) {
    names.unshift(parent.name);
    seen.add(parent.id);
    parent = parent.parentId ? byId.get(parent.parentId) : undefined;
  }
  return names.join(' › ');
}

export interface Team {
  id: string;
  name: string;
  departmentId: string | null;
  people: number;
}
export interface Location {
  id: string;
  name: string;
  country: string | null;
  timezone: string | null;
  people: number;
}
export interface Structure {
  departments: Department[];
  teams: Team[];
  locations: Location[];
}

export const peopleApi = {
  list: (f: PeopleFilters, cursor?: string, limit = 24) =>
    api.get<Page<PersonSummary>>('/api/people', {
      query: { ...f, includeDeactivated: f.includeDeactivated ? 'true' : undefined, cursor, limit },
    }),
  get: (id: string) => api.get<Person>(`/api/people/${encodeURIComponent(id)}`),
  update: (id: string, patch: ProfilePatch) => api.patch<Person>(`/api/people/${encodeURIComponent(id)}`, patch),
  uploadPhoto: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.put<Person>(`/api/people/${encodeURIComponent(id)}/photo`, form);
  },
  adminUpdate: (id: string, patch: AdminPersonPatch) => api.patch<Person>(`/api/admin/people/${encodeURIComponent(id)}`, patch),
  deactivate: (id: string) => api.post<Person>(`/api/admin/people/${encodeURIComponent(id)}/deactivate`, {}),
  reactivate: (id: string) => api.post<Person>(`/api/admin/people/${encodeURIComponent(id)}/reactivate`, {}),
  orgChart: (managerId?: string) => api.get<{ items: PersonSummary[] }>('/api/org-chart', { query: { managerId } }),
  structure: () => api.get<Structure>('/api/structure'),
};
