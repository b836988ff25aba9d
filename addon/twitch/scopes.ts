/** The scopes the add-on asks for at login, as the Python add-on 3.0.3 does. */
export const TWITCH_SCOPES: readonly string[] = ['user:read:follows', 'user:edit:follows', 'user:read:subscriptions', 'chat:read', 'chat:edit'];
