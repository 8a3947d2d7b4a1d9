namespace CarbonEdge.Cloud.Access;

/// <summary>
/// The roles a user or API key holds (T/CEPPC 14-2023 §5.3 permission management: government, enterprise and public
/// users see different data; T/CES carbon statistics §8.2 ACL-based access).
/// </summary>
internal static class Roles
{
    /// <summary>Operator of the platform: everything, including the registry, users, keys and the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>A regulator scoped to one or more GB/T 2260 regions: each sees itself and every region and enterprise below.</summary>
    public const string Regulator = "regulator";

    /// <summary>An enterprise's own staff or systems, scoped to one or more enterprises.</summary>
    public const string Enterprise = "enterprise";

    /// <summary>The public: annual disclosure figures only (T/ISC carbon platform part 1, disclosure function).</summary>
    public const string Public = "public";

    /// <summary>Every role, as written on the command line and in the store.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Regulator, Enterprise, Public];

    /// <summary>True for the roles that must sign in with a TOTP second factor (T/CES carbon statistics §8.2 MFA).</summary>
    public static bool RequiresTotp(string role) => role is Admin or Regulator;
}
