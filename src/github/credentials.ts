/**
 * What a 401 from GitHub means: it refused the token itself (mistyped, expired or revoked), so no permission
 * would help. `refused` says what it refused, e.g. 'to write the pull request comment'.
 */
export function badCredentials(refused: string): string {
  return (
    `GitHub refused ${refused} (401 Bad credentials): the github-token is invalid or expired. ` +
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, shown to the user as is
    'Pass ${{ github.token }}, or renew the token stored in the secret.'
  );
}
