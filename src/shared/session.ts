/** What the web app knows about the signed-in person on every page (GET /api/me → user). */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  title: string | null;
  photoUrl: string | null;
  locale: string | null;
  roles: string[];
  twoFactor: boolean;
  /** Title, bio, skills and photo are filled in. */
  profileComplete: boolean;
}
