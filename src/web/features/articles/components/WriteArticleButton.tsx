/** Starts a new article. */
export function WriteArticleButton() {
  return null;
}
