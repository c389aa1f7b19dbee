package dev.accountd.domain;

/** The two kinds of keys under an account: standard API keys (Keys.json) and signing keys (SigningKeys.json). */
public enum KeyKind {
    STANDARD("standard", "Keys", "Key", "api-key"),
    SIGNING("signing", "SigningKeys", "SigningKey", "signing-key");

    private final String stored;
    private final String collection;
    private final String resourceName;
    private final String resourceType;

    KeyKind(String stored, String collection, String resourceName, String resourceType) {
        this.stored = stored;
        this.collection = collection;
        this.resourceName = resourceName;
        this.resourceType = resourceType;
    }

    /** The resource's name in the API reference and in messages: {@code Key} or {@code SigningKey}. */
    public String resourceName() { return resourceName; }

    public String stored() { return stored; }

    /** The path segment of the collection: {@code Keys} or {@code SigningKeys}. */
    public String collection() { return collection; }

    /** The resource type in audit events: {@code api-key} or {@code signing-key}. */
    public String resourceType() { return resourceType; }

    public static KeyKind fromStored(String value) {
        return "signing".equals(value) ? SIGNING : STANDARD;
    }
}
