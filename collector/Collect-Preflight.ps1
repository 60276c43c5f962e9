#Requires -Version 5.1
<#
.SYNOPSIS
    Collects what Preflight needs to judge password writeback, on the Entra Connect server.

.DESCRIPTION
    Runs only the commands of Preflight's collection contract (docs/collecting.md, "From a customer's server to
    a report"), saves their raw output under graph\ and onprem\, writes manifest.json (time, host,
    UTC offset, versions, every failed command with its error) and a template answers.json, and zips
    the folder. A failure never stops the rest: it is written to the manifest. Nothing here
    interprets the output; Preflight does that (preflight evaluate <zip>).

    Run it in Windows PowerShell 5.1 on the Entra Connect server, as an account that can read the
    directory, with the ActiveDirectory and ADSync modules (and ADSyncTools if installed). The cloud
    half needs Microsoft.Graph.Authentication and signs in with the least-privileged scopes below.

.PARAMETER TestUsers
    User principal names of the synced test users who will reset their passwords.
.PARAMETER WritebackAdmins
    User principal names of the admins who will turn on and manage writeback.
.PARAMETER Forests
    Extra forests to read (DNS names), beyond the server's own.
.PARAMETER SkipGraph
    Leave out the cloud half (export it elsewhere with the same requests).
.PARAMETER SkipOnPremises
    Leave out the on-premises half (Active Directory, Connect server, events, network).
.PARAMETER Environment
    The Microsoft Graph cloud: Global, USGov, USGovDoD or China.
.PARAMETER TenantId
    The tenant to sign in to (optional).
.PARAMETER OutputPath
    Where to write the folder and the zip (default: the current folder).

.EXAMPLE
    .\Collect-Preflight.ps1 -TestUsers pwtest@contoso.com -WritebackAdmins admin@contoso.onmicrosoft.com
#>
[CmdletBinding()]
param(
    [string[]] $TestUsers = @(),
    [string[]] $WritebackAdmins = @(),
    [string[]] $Forests = @(),
    [switch] $SkipGraph,
    [switch] $SkipOnPremises,
    [ValidateSet('Global', 'USGov', 'USGovDoD', 'China')]
    [string] $Environment = 'Global',
    [string] $TenantId,
    [string] $OutputPath = (Get-Location).Path
)

$CollectorVersion = '1.0'
# Least-privileged Graph permissions, one per request family (docs/collecting.md, "Graph permissions").
$GraphScopes = @(
    'Organization.Read.All',
    'RoleManagement.Read.Directory',
    'GroupMember.Read.All',
    'User.Read.All',
    'Domain.Read.All',
    'AuditLog.Read.All',
    'OnPremDirectorySynchronization.Read.All'
)
$GraphHosts = @{ Global = 'https://graph.microsoft.com'; USGov = 'https://graph.microsoft.us'; USGovDoD = 'https://dod-graph.microsoft.us'; China = 'https://microsoftgraph.chinacloudapi.cn' }
$Clouds = @{ Global = 'Public'; USGov = 'USGov'; USGovDoD = 'USGov'; China = 'China' }
# Endpoints Connect must reach (rules/tables/endpoints.csv), per cloud.
$Endpoints = @{
    Global   = @('passwordreset.microsoftonline.com', 'ssprdedicatedsbprodncu.servicebus.windows.net')
    USGov    = @('passwordreset.microsoftonline.us')
    USGovDoD = @('passwordreset.microsoftonline.us')
    China    = @('ssprdedicatedsbmcprodcne.servicebus.chinacloudapi.cn', 'ssprdedicatedsbmcprodcnn.servicebus.chinacloudapi.cn')
}

$stamp = (Get-Date).ToString('yyyyMMdd-HHmmss')
$root = Join-Path $OutputPath "Preflight-$env:COMPUTERNAME-$stamp"
New-Item -ItemType Directory -Force -Path (Join-Path $root 'graph'), (Join-Path $root 'onprem') | Out-Null
$errors = New-Object System.Collections.ArrayList
$forestList = New-Object System.Collections.ArrayList

function Add-Failure([string] $File, [string] $Request, $Status, [string] $Message) {
    [void] $errors.Add([ordered]@{ file = $File; request = $Request; status = $Status; error = $Message })
    Write-Warning "$File : $Message"
}

# Runs one collection step and writes its output to a file of the layout; a failure is recorded, never fatal.
function Save-Output([string] $File, [string] $Request, [scriptblock] $Command, [switch] $EmptyIsNone) {
    $path = Join-Path $root $File
    try {
        $ErrorActionPreference = 'Stop'
        $json = & $Command
        if ($null -eq $json -or "$json" -eq '') {
            if (-not $EmptyIsNone) { Add-Failure $File $Request $null 'the command returned nothing' }
            New-Item -ItemType File -Force -Path $path | Out-Null
        } else {
            $json | Out-File -FilePath $path
        }
    } catch {
        if ($EmptyIsNone -and $_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') {
            New-Item -ItemType File -Force -Path $path | Out-Null   # no matching event: collected, none
        } else {
            Add-Failure $File $Request $null "$($_.Exception.Message)"
        }
    }
}

# One Graph request saved as returned; further pages (@odata.nextLink) as name.2.json, name.3.json, ...
function Save-Graph([string] $Name, [string] $Uri, [hashtable] $Headers = @{}, [switch] $Text, [int] $PauseSeconds = 0) {
    $file = if ($Text) { "graph/$Name.txt" } else { "graph/$Name.json" }
    $next = $Uri
    $page = 1
    while ($next) {
        $pageFile = if ($page -eq 1) { $file } else { "graph/$Name.$page.json" }
        try {
            if ($Text) {
                # $count answers text/plain: saved as the bare number it is.
                $response = Invoke-MgGraphRequest -Method GET -Uri $next -Headers $Headers -OutputType HttpResponseMessage -ErrorAction Stop
                $body = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            } else {
                $body = Invoke-MgGraphRequest -Method GET -Uri $next -Headers $Headers -OutputType Json -ErrorAction Stop
            }
            $body | Out-File -FilePath (Join-Path $root $pageFile) -Encoding UTF8
            $next = $null
            if (-not $Text) { $next = ($body | ConvertFrom-Json).'@odata.nextLink' }
        } catch {
            $status = $null
            if ($_.Exception.Response) { $status = [int] $_.Exception.Response.StatusCode }
            Add-Failure $pageFile "GET $next" $status "$($_.Exception.Message)"
            $next = $null
        }
        $page++
        if ($PauseSeconds -gt 0) { Start-Sleep -Seconds $PauseSeconds }
    }
}

$manifest = [ordered]@{
    collectedAt = (Get-Date).ToString('o')
    cloud       = $Clouds[$Environment]
    collector   = [ordered]@{ name = 'Collect-Preflight.ps1'; version = $CollectorVersion }
    host        = $env:COMPUTERNAME
    utcOffset   = (Get-Date).ToString('zzz')
    powershell  = $PSVersionTable.PSVersion.ToString()
    modules     = @(Get-Module -ListAvailable ActiveDirectory, ADSync, ADSyncTools, Microsoft.Graph.Authentication | Select-Object -Unique Name, @{n = 'Version'; e = { $_.Version.ToString() } })
}

# ---------------------------------------------------------------- cloud half (Microsoft Graph)
if (-not $SkipGraph) {
    try {
        Import-Module Microsoft.Graph.Authentication -ErrorAction Stop
        $connect = @{ Scopes = $GraphScopes; Environment = $Environment; NoWelcome = $true; ErrorAction = 'Stop' }
        if ($TenantId) { $connect.TenantId = $TenantId }
        Connect-MgGraph @connect
        $manifest.tenantId = (Get-MgContext).TenantId
        $g = $GraphHosts[$Environment]
        Save-Graph 'organization' "$g/v1.0/organization"
        Save-Graph 'subscribedSkus' "$g/v1.0/subscribedSkus"
        Save-Graph 'roleDefinitions' "$g/v1.0/roleManagement/directory/roleDefinitions?`$select=id,displayName,templateId"
        Save-Graph 'roleAssignments' "$g/v1.0/roleManagement/directory/roleAssignments?`$expand=principal"
        # The members of every group that holds a role (ids read from the saved response, nothing else).
        Get-ChildItem (Join-Path $root 'graph') -Filter 'roleAssignments*.json' | ForEach-Object {
            (Get-Content $_.FullName -Raw | ConvertFrom-Json).value |
                Where-Object { $_.principal.'@odata.type' -eq '#microsoft.graph.group' } |
                Select-Object -ExpandProperty principalId -Unique
        } | Sort-Object -Unique | ForEach-Object {
            Save-Graph "groupMembers.$_" "$g/v1.0/groups/$_/transitiveMembers/microsoft.graph.user?`$select=id,userPrincipalName,accountEnabled,onPremisesSyncEnabled,assignedLicenses"
        }
        Save-Graph 'users' "$g/v1.0/users?`$select=id,userPrincipalName,accountEnabled,onPremisesSyncEnabled,assignedLicenses,userType&`$top=999"
        Save-Graph 'domains' "$g/v1.0/domains"
        Save-Graph 'userRegistrationDetails' "$g/v1.0/reports/authenticationMethods/userRegistrationDetails" -PauseSeconds 2
        Save-Graph 'userCount' "$g/v1.0/users/`$count" -Headers @{ ConsistencyLevel = 'eventual' } -Text
        Save-Graph 'syncedUserCount' "$g/v1.0/users/`$count?`$filter=onPremisesSyncEnabled eq true" -Headers @{ ConsistencyLevel = 'eventual' } -Text
        Save-Graph 'onPremisesSynchronization' "$g/v1.0/directory/onPremisesSynchronization"
    } catch {
        Add-Failure 'graph/organization.json' 'Connect-MgGraph' $null "cannot sign in to Microsoft Graph: $($_.Exception.Message)"
    }
}

# ---------------------------------------------------------------- on-premises half
if (-not $SkipOnPremises) {
    $hasAd = $null -ne (Get-Module -ListAvailable ActiveDirectory)
    $hasSync = $null -ne (Get-Module -ListAvailable ADSync)
    if (-not $hasSync) { $manifest.connectInstalled = $false }
    $domains = New-Object System.Collections.ArrayList
    $forestList = New-Object System.Collections.ArrayList
    $pdcs = New-Object System.Collections.ArrayList

    if ($hasAd) {
        Import-Module ActiveDirectory
        $forestNames = @($null) + $Forests
        foreach ($forestName in $forestNames) {
            $scope = if ($forestName) { ".$forestName" } else { '' }
            Save-Output "onprem/Get-ADForest$scope.json" "Get-ADForest $forestName" {
                if ($forestName) { Get-ADForest -Server $forestName | ConvertTo-Json } else { Get-ADForest | ConvertTo-Json }
            }
            try {
                $forest = if ($forestName) { Get-ADForest -Server $forestName -ErrorAction Stop } else { Get-ADForest -ErrorAction Stop }
                [void] $forestList.Add($forest.Name)
                foreach ($d in $forest.Domains) { [void] $domains.Add($d) }
            } catch { }
        }
        foreach ($domain in $domains) {
            Save-Output "onprem/Get-ADDomain.$domain.json" "Get-ADDomain -Server $domain" {
                Get-ADDomain -Server $domain | ConvertTo-Json
            }
            Save-Output "onprem/Get-ADDomainController.$domain.json" "Get-ADDomainController -Filter * -Server $domain" {
                Get-ADDomainController -Filter * -Server $domain |
                    Select-Object HostName, Domain, Forest, OperatingSystem, OperatingSystemServicePack, OperatingSystemVersion, IsReadOnly |
                    ConvertTo-Json
            }
            Save-Output "onprem/Get-ADDefaultDomainPasswordPolicy.$domain.json" "Get-ADDefaultDomainPasswordPolicy -Identity $domain" {
                Get-ADDefaultDomainPasswordPolicy -Identity $domain -Server $domain | ConvertTo-Json
            }
            try { [void] $pdcs.Add((Get-ADDomain -Server $domain -ErrorAction Stop).PDCEmulator) } catch { }
        }
    } else {
        Add-Failure 'onprem/Get-ADForest.json' 'Import-Module ActiveDirectory' $null 'the ActiveDirectory module is not installed'
    }

    if ($hasSync) {
        Import-Module ADSync
        Save-Output 'onprem/Get-ADSyncConnector.json' 'Get-ADSyncConnector' {
            Get-ADSyncConnector | Select-Object Name, Identifier, Type, Subtype,
                @{n = 'ADConnectorAccountName'; e = { $_.ConnectivityParameters['forest-login-user'].Value } },
                @{n = 'ADConnectorAccountDomain'; e = { $_.ConnectivityParameters['forest-login-domain'].Value } },
                @{n = 'Partitions'; e = { $_.Partitions | Select-Object Name, DN, Selected, PreferredDCs } } |
                ConvertTo-Json -Depth 5
        }
        Save-Output 'onprem/Get-ADSyncScheduler.json' 'Get-ADSyncScheduler' { Get-ADSyncScheduler | ConvertTo-Json }
        Save-Output 'onprem/Get-ADSyncAADPasswordResetConfiguration.json' 'Get-ADSyncAADPasswordResetConfiguration' {
            $aad = Get-ADSyncConnector | Where-Object { $_.Subtype -eq 'Windows Azure Active Directory (Microsoft)' } | Select-Object -First 1
            Get-ADSyncAADPasswordResetConfiguration -Connector $aad.Name | ConvertTo-Json
        }
        Save-Output 'onprem/Get-ADSyncRunProfileResult.json' 'Get-ADSyncRunProfileResult -NumberRequested 500' {
            Get-ADSyncRunProfileResult -NumberRequested 500 | Select-Object ConnectorName, RunProfileName, Result, StartDate, EndDate | ConvertTo-Json
        }
        Save-Output 'onprem/Get-ADSyncGlobalSettings.json' '(Get-ADSyncGlobalSettings).Parameters' {
            (Get-ADSyncGlobalSettings).Parameters | Select-Object Name, Value | ConvertTo-Json
        }
        Save-Output 'onprem/Get-ADSyncToolsTls12.json' 'Get-ADSyncToolsTls12' {
            if (Get-Module -ListAvailable ADSyncTools) {
                Import-Module ADSyncTools
                Get-ADSyncToolsTls12 | ConvertTo-Json
            } else {
                # The same eight registry values, as Path, Name, Value rows ("Not Found" when absent).
                $keys = @(
                    @('HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319', 'SystemDefaultTlsVersions'),
                    @('HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319', 'SchUseStrongCrypto'),
                    @('HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319', 'SystemDefaultTlsVersions'),
                    @('HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319', 'SchUseStrongCrypto'),
                    @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server', 'Enabled'),
                    @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server', 'DisabledByDefault'),
                    @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client', 'Enabled'),
                    @('HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client', 'DisabledByDefault'))
                $keys | ForEach-Object {
                    $v = (Get-ItemProperty -Path $_[0] -Name $_[1] -ErrorAction SilentlyContinue).($_[1])
                    [pscustomobject]@{ Path = $_[0]; Name = $_[1]; Value = $(if ($null -eq $v) { 'Not Found' } else { $v }) }
                } | ConvertTo-Json
            }
        }
        Save-Output 'onprem/server.json' 'server facts' {
            [pscustomobject]@{
                OperatingSystem = (Get-CimInstance Win32_OperatingSystem).Caption
                NetFx4Release   = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full').Release
                ConnectVersion  = (Get-ADSyncGlobalSettings).Parameters['Microsoft.Synchronize.ServerConfigurationVersion'].Value
            } | ConvertTo-Json
        }
        # The domain root's access rules naming the AD DS connector account or a group it belongs to.
        $accounts = Get-ADSyncConnector | Where-Object { $_.Type -eq 'AD' } | ForEach-Object {
            [pscustomobject]@{ User = $_.ConnectivityParameters['forest-login-user'].Value; Domain = $_.ConnectivityParameters['forest-login-domain'].Value }
        }
        foreach ($domain in $domains) {
            Save-Output "onprem/connector-acl.$domain.json" "access rules on the root of $domain" {
                $names = New-Object System.Collections.ArrayList
                foreach ($a in $accounts) {
                    [void] $names.Add(($a.User))
                    try { Get-ADPrincipalGroupMembership -Identity $a.User -Server $a.Domain -ErrorAction Stop | ForEach-Object { [void] $names.Add($_.SamAccountName) } } catch { }
                }
                $dn = (Get-ADDomain -Server $domain).DistinguishedName
                $entry = [ADSI]"LDAP://$domain/$dn"
                $entry.psbase.ObjectSecurity.GetAccessRules($true, $true, [System.Security.Principal.NTAccount]) |
                    Where-Object { $id = $_.IdentityReference.Value; $names | Where-Object { $id -like "*\$_" } } |
                    Select-Object ActiveDirectoryRights, ObjectType, InheritedObjectType, AccessControlType,
                        @{n = 'IdentityReference'; e = { $_.IdentityReference.Value } }, IsInherited |
                    ConvertTo-Json
            }
        }
    }

    Save-Output 'onprem/Get-WinEvent.json' 'Get-WinEvent PasswordResetService, ADSync' -EmptyIsNone {
        Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'PasswordResetService', 'ADSync'; StartTime = (Get-Date).AddDays(-2) } |
            Select-Object Id, ProviderName, TimeCreated, Level, LevelDisplayName, Message | ConvertTo-Json
    }
    Save-Output 'onprem/Test-NetConnection.json' 'Test-NetConnection' {
        $connections = @()
        foreach ($endpoint in $Endpoints[$Environment]) {
            $connections += Test-NetConnection $endpoint -Port 443 -WarningAction SilentlyContinue | Select-Object ComputerName, RemotePort, TcpTestSucceeded
        }
        foreach ($pdc in $pdcs) {
            $connections += Test-NetConnection $pdc -Port 389 -WarningAction SilentlyContinue | Select-Object ComputerName, RemotePort, TcpTestSucceeded
        }
        ConvertTo-Json -InputObject $connections
    }
}

# ---------------------------------------------------------------- manifest, answers template, zip
$manifest.errors = @($errors)
$manifest | ConvertTo-Json -Depth 5 | Out-File -FilePath (Join-Path $root 'manifest.json') -Encoding UTF8

# What no export holds: a person fills these in (null = not answered; docs/collecting.md, "Answer-only facts").
$users = @()
foreach ($u in $TestUsers) { $users += [ordered]@{ userPrincipalName = $u; purpose = @('testUser') } }
foreach ($u in $WritebackAdmins) { $users += [ordered]@{ userPrincipalName = $u; purpose = @('writebackAdmin'); adminCount = $null } }
$answers = [ordered]@{
    users         = $users
    passwordReset = [ordered]@{ selfServiceScope = $null; scopeIncludesTestUsers = $null; writebackEnabled = $null }
    onPremises    = [ordered]@{
        forests = @($forestList | ForEach-Object { [ordered]@{ name = $_; addedAfterWritebackEnabled = $null } })
        connect = [ordered]@{ onlyUsePreferredDomainControllers = $null; pdcEmulatorReachable = $null }
        network = [ordered]@{ idleTimeoutSeconds = $null; tlsInspection = $null }
    }
}
$answers | ConvertTo-Json -Depth 5 | Out-File -FilePath (Join-Path $root 'answers.json') -Encoding UTF8

$zip = "$root.zip"
Compress-Archive -Path (Join-Path $root '*') -DestinationPath $zip -Force
Write-Host "Collected into $zip ($($errors.Count) failed commands, listed in manifest.json)."
Write-Host "Fill in answers.json in the zip (or pass --answers / --set), then: java -jar preflight.jar evaluate $zip"
