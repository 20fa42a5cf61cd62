// Public surface of camera-secret storage.
export { createAesGcmSecretBox, createEphemeralSecretBox, SECRET_KEY_BYTES } from './aes-gcm-secret-box';
export { KEY_FILE_NAME, keyFilePathFor, keyFileProblem, openKeyFileSecretBox, type KeyFileOptions } from './key-file-secret-box';
export { rememberSecret, scrubKnownSecrets } from './known-secrets';
export { SecretBoxError, type SecretBox, type SecretBoxErrorCode } from './secret-box';
