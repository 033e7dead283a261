#Requires -Version 5.1
<#
.SYNOPSIS
  Downtime desktop launcher for Windows estates without Node: signs the signed-in Windows identity
  into a short-lived ES256 JWT (RFC 7519, compact JWS RFC 7515 §7.1) with this ward PC's key and
  opens Downtime in the default browser. Same token as downtime-launcher.mjs `launch`.

.DESCRIPTION
  Two ways to hold the PC's private key:

  -Key <file.pem>  PowerShell 7+ (.NET 5+): a PKCS#8 or SEC1 PEM file read with ECDsa.ImportFromPem,
                   e.g. made by `node downtime-launcher.mjs keygen`. Protect the file with icacls.

  -CertThumbprint  Windows PowerShell 5.1 (.NET Framework 4.7+) or 7: a CNG key behind a certificate
                   in Cert:\LocalMachine\My or Cert:\CurrentUser\My. ImportFromPem does not exist on
                   .NET Framework, and a non-exportable CNG key (best: TPM-backed) cannot be copied
                   off the PC at all. Create it once, as an administrator:
                     New-SelfSignedCertificate -Subject "CN=WARDPC-OAK-01 Downtime launcher" `
                       -KeyAlgorithm ECDSA_nistP256 -KeyExportPolicy NonExportable -KeyUsage DigitalSignature `
                       -Provider "Microsoft Platform Crypto Provider" -CertStoreLocation Cert:\LocalMachine\My `
                       -NotAfter (Get-Date).AddYears(5)
                   (use "Microsoft Software Key Storage Provider" where there is no TPM), grant ward
                   users read access to the key (certlm.msc > Manage Private Keys), then print the
                   public JWK to register with -PrintPublicJwk.

.EXAMPLE
  pwsh -File downtime-launcher.ps1 -Device WARDPC-OAK-01 -Key C:\ProgramData\Downtime\WARDPC-OAK-01.private.pem -App https://downtime.example/
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File downtime-launcher.ps1 -Device WARDPC-OAK-01 -CertThumbprint 3F2A... -App https://downtime.example/
#>
[CmdletBinding(DefaultParameterSetName = "Pem")]
param(
  [Parameter(Mandatory)] [ValidatePattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")] [string] $Device,
  [Parameter(Mandatory, ParameterSetName = "Pem")] [string] $Key,
  [Parameter(Mandatory, ParameterSetName = "Cert")] [string] $CertThumbprint,
  [string] $App,
  [switch] $DryRun,
  [switch] $PrintPublicJwk
)
Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

# The app refuses tokens living longer than 120 s (exp - iat); 90 s leaves room for a slow browser.
$LifetimeSeconds = 90

function ConvertTo-Base64Url([byte[]] $Bytes) {
  # RFC 7515 §2: base64url without padding.
  [Convert]::ToBase64String($Bytes).TrimEnd("=").Replace("+", "-").Replace("/", "_")
}

function Get-SigningKey {
  if ($PSCmdlet.ParameterSetName -eq "Pem") {
    if ($PSVersionTable.PSVersion.Major -lt 7) {
      throw "-Key needs PowerShell 7 (ECDsa.ImportFromPem is .NET 5+). On Windows PowerShell 5.1 use -CertThumbprint."
    }
    $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
    $ecdsa.ImportFromPem([System.IO.File]::ReadAllText($Key))
  } else {
    $cert = Get-ChildItem Cert:\LocalMachine\My, Cert:\CurrentUser\My |
      Where-Object { $_.Thumbprint -eq $CertThumbprint.Replace(" ", "").ToUpperInvariant() } |
      Select-Object -First 1
    if (-not $cert) { throw "No certificate with thumbprint $CertThumbprint in LocalMachine\My or CurrentUser\My." }
    $ecdsa = [System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions]::GetECDsaPrivateKey($cert)
    if (-not $ecdsa) { throw "Certificate $CertThumbprint has no ECDSA private key this account may use." }
  }
  if ($ecdsa.KeySize -ne 256) { throw "The key must be EC P-256 (ES256)." }
  return $ecdsa
}

$ecdsa = Get-SigningKey

if ($PrintPublicJwk) {
  $q = $ecdsa.ExportParameters($false).Q
  [ordered]@{
    kty = "EC"; crv = "P-256"; x = (ConvertTo-Base64Url $q.X); y = (ConvertTo-Base64Url $q.Y)
    kid = $Device; alg = "ES256"; use = "sig"
  } | ConvertTo-Json -Compress
  exit 0
}

if (-not $App) { throw "-App is required, e.g. -App https://downtime.example/" }
$appUri = [Uri]$App
if ($appUri.Scheme -ne "https" -and $appUri.Host -notin @("localhost", "127.0.0.1")) {
  throw "-App must be an https:// address."
}
$audience = $appUri.GetLeftPart([UriPartial]::Authority)

# DOMAIN\user from the process token, not from %USERDOMAIN%\%USERNAME%, which the user can change.
$identity = [System.Security.Principal.WindowsIdentity]::GetCurrent().Name
if ($env:USERNAME -and -not $identity.EndsWith("\$env:USERNAME", [StringComparison]::OrdinalIgnoreCase)) {
  throw "USERNAME does not match the signed-in Windows account."
}

$iat = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
# RFC 7515 §4.1: alg and kid (the app pins alg to the registered key and finds it by kid).
$header = [ordered]@{ alg = "ES256"; typ = "JWT"; kid = $Device }
# RFC 7519 §4.1: registered claims; device and host are Downtime's own.
$claims = [ordered]@{
  sub = $identity; aud = $audience; iat = $iat; exp = $iat + $LifetimeSeconds
  jti = [Guid]::NewGuid().ToString(); device = $Device; host = [Environment]::MachineName
}
$utf8 = New-Object System.Text.UTF8Encoding($false)
$signingInput = (ConvertTo-Base64Url $utf8.GetBytes(($header | ConvertTo-Json -Compress))) + "." +
  (ConvertTo-Base64Url $utf8.GetBytes(($claims | ConvertTo-Json -Compress)))
# ECDsa.SignData returns IEEE P1363 r||s, the form JWS ES256 needs (RFC 7518 §3.4), not DER.
$signature = $ecdsa.SignData($utf8.GetBytes($signingInput), [System.Security.Cryptography.HashAlgorithmName]::SHA256)
$token = "$signingInput.$(ConvertTo-Base64Url $signature)"

$base = if ($appUri.AbsoluteUri.EndsWith("/")) { $appUri.AbsoluteUri } else { "$($appUri.AbsoluteUri)/" }
# The token goes in the fragment, never the query string: browsers do not send the fragment to
# the server, so it stays out of web server, proxy and load balancer logs and Referer headers
# (RFC 3986 §3.5). The /launch page reads it in the browser and posts it to the app.
$url = "${base}launch#token=$token"
if ($DryRun) { Write-Output $url } else { Start-Process $url }
