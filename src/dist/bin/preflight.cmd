@echo off
rem preflight.cmd: runs lib\preflight.jar of this distribution with JVM options chosen for the
rem command, as bin/preflight does on Linux and macOS; keep the two in step (LauncherIT compares
rem them). docs/performance.md, "JVM options and the launcher": which options, why, how to override.
rem
rem Environment:
rem   JAVA_HOME                 the Java to run (otherwise java.exe on the PATH); Java 17 or later
rem   JAVA_OPTS, PREFLIGHT_OPTS JVM options added after the launcher's own (PREFLIGHT_OPTS last); an
rem                             option of the same kind (a collector, -XX:TieredStopAtLevel, -Xshare
rem                             or a class-data archive) replaces the launcher's choice; any other
rem                             option the launcher gives (-XX:InlineSmallCode) is overridden by
rem                             giving it again, since Java takes the last
rem   LOCALAPPDATA              where the class-data archive is kept, in preflight\
rem   PREFLIGHT_CDS=off         neither make nor use the class-data archive
rem   PREFLIGHT_LAUNCHER_DEBUG=1  print the java command line to standard error before running it
rem
rem Arguments reach the program as given and its exit code is this script's. Paths are only ever
rem expanded inside quotes or outside parenthesised blocks: C:\Program Files (x86) must not end one.

setlocal EnableExtensions DisableDelayedExpansion

for %%I in ("%~dp0..") do set "PF_HOME=%%~fI"
set "PF_JAR=%PF_HOME%\lib\preflight.jar"
if not exist "%PF_JAR%" goto no_jar

if defined JAVA_HOME goto java_from_home
set "PF_JAVA="
for %%J in (java.exe) do set "PF_JAVA=%%~$PATH:J"
if not defined PF_JAVA goto no_java
goto java_found
:java_from_home
set "PF_JAVA=%JAVA_HOME%\bin\java.exe"
if not exist "%PF_JAVA%" goto bad_java_home
:java_found

rem The Java installation's release file names its version and build; java -version only when
rem there is none (the Oracle installer's javapath folder holds a bare java.exe).
for %%I in ("%PF_JAVA%\..\..") do set "PF_JAVA_HOME=%%~fI"
set "PF_VERSION="
set "PF_BUILD="
if exist "%PF_JAVA_HOME%\release" for /f "usebackq tokens=1,* delims==" %%A in ("%PF_JAVA_HOME%\release") do (
  if "%%A"=="JAVA_VERSION" set "PF_VERSION=%%~B"
  if "%%A"=="JAVA_RUNTIME_VERSION" set "PF_BUILD=%%~B"
)
if defined PF_VERSION goto version_known
set "PF_VERSION_FILE=%TEMP%\preflight-java-version.%RANDOM%.txt"
"%PF_JAVA%" -version 2>"%PF_VERSION_FILE%"
if exist "%PF_VERSION_FILE%" for /f "usebackq tokens=1-3" %%A in ("%PF_VERSION_FILE%") do (
  if "%%B"=="version" if not defined PF_VERSION set "PF_VERSION=%%~C"
)
del /f /q "%PF_VERSION_FILE%" >nul 2>nul
:version_known
if not defined PF_BUILD set "PF_BUILD=%PF_VERSION%"
set "PF_MAJOR=0"
if defined PF_VERSION for /f "tokens=1 delims=.+-_" %%M in ("%PF_VERSION%") do set "PF_MAJOR=%%M"
set /a PF_MAJOR=PF_MAJOR+0 >nul 2>nul
if not defined PF_VERSION goto unknown_java
if %PF_MAJOR% LSS 17 goto old_java

rem One-shot commands (evaluate, report, diff, import, rules, help, version) run for about a
rem second: C1 alone compiles enough, and the serial collector needs no threads of its own. Long
rem runs (batch, generate, serve) keep full tiered compilation, with C2 inlining less of what it
rem has already compiled (the one C2 thread is the warm-up's bottleneck on two cores), and take the
rem throughput collector, with fixed generation sizes (grown for throughput, a batch's heap reached
rem 2 GB of fresh memory). bin/preflight sets the same.
set "PF_PROFILE=one-shot"
set "PF_COMPILER=-XX:TieredStopAtLevel=1"
set "PF_COLLECTOR=-XX:+UseSerialGC"
if "%~1"=="batch" goto throughput
if "%~1"=="generate" goto throughput
if "%~1"=="serve" goto throughput
goto profile_chosen
:throughput
set "PF_PROFILE=throughput"
set "PF_COMPILER=-XX:InlineSmallCode=500"
set "PF_COLLECTOR=-XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy"
:profile_chosen

rem The user's options win: drop the launcher's choice of anything they set themselves.
set "PF_CDS=on"
set "PF_USER_OPTS= %JAVA_OPTS% %PREFLIGHT_OPTS% "
setlocal EnableDelayedExpansion
for %%O in (-XX:+UseSerialGC -XX:+UseParallelGC -XX:+UseG1GC -XX:+UseZGC -XX:+UseShenandoahGC -XX:+UseEpsilonGC) do (
  if not "!PF_USER_OPTS:%%O=!"=="!PF_USER_OPTS!" set "PF_COLLECTOR="
)
for %%O in (-XX:TieredStopAtLevel -XX:-TieredCompilation -Xint -Xcomp) do (
  if not "!PF_USER_OPTS:%%O=!"=="!PF_USER_OPTS!" set "PF_COMPILER="
)
for %%O in (-Xshare: -XX:SharedArchiveFile -XX:ArchiveClassesAtExit) do (
  if not "!PF_USER_OPTS:%%O=!"=="!PF_USER_OPTS!" set "PF_CDS=user"
)
endlocal & set "PF_COLLECTOR=%PF_COLLECTOR%" & set "PF_COMPILER=%PF_COMPILER%" & set "PF_CDS=%PF_CDS%"
if "%PREFLIGHT_CDS%"=="off" set "PF_CDS=off"

rem The application class-data archive, kept in the user's cache under a name made from the jar
rem and the Java (size and time of each, and the Java's build): another Java or another jar gets
rem an archive of its own, made by its first evaluate. The JVM checks it again and, on any
rem mismatch, runs without it (only slower); its messages about archives are switched off, since
rem they would go to standard output, into a JSON report.
set "PF_RUNJAR=%PF_JAR%"
set "PF_CDS_OPTS="
set "PF_ARCHIVE="
if not "%PF_CDS%"=="on" goto cds_chosen
set "PF_CACHE=%LOCALAPPDATA%\preflight"
if not defined LOCALAPPDATA set "PF_CACHE=%USERPROFILE%\AppData\Local\preflight"
for %%F in ("%PF_JAR%") do set "PF_KEY=%%~zF-%%~tF"
for %%F in ("%PF_JAVA%") do set "PF_KEY=%PF_KEY%-%%~zF-%%~tF-%PF_BUILD%"
set "PF_KEY=%PF_KEY:/=%"
set "PF_KEY=%PF_KEY::=%"
set "PF_KEY=%PF_KEY: =%"
set "PF_KEY=%PF_KEY:\=%"
set "PF_ARCHIVE=%PF_CACHE%\preflight-%PF_KEY%.jsa"
set "PF_CDS=none"
if exist "%PF_ARCHIVE%" set "PF_CDS=use"
if "%PF_CDS%"=="use" goto cds_chosen
if not "%~1"=="evaluate" goto cds_chosen
if not exist "%PF_CACHE%\" mkdir "%PF_CACHE%" >nul 2>nul
if exist "%PF_CACHE%\" set "PF_CDS=make"
:cds_chosen

rem Java 17 and 18 load no application class from an archive when the jar's path has a space
rem (C:\Program Files): a copy of the jar in the cache, made once beside the archive, has none.
if "%PF_CDS%"=="use" goto maybe_copy
if "%PF_CDS%"=="make" goto maybe_copy
goto jar_chosen
:maybe_copy
if %PF_MAJOR% GEQ 19 goto jar_chosen
if "%PF_JAR: =%"=="%PF_JAR%" goto jar_chosen
if not "%PF_CACHE: =%"=="%PF_CACHE%" goto jar_chosen
set "PF_COPY=%PF_CACHE%\preflight-%PF_KEY%.jar"
if exist "%PF_COPY%" goto copy_ready
set "PF_COPY_PART=%PF_COPY%.%RANDOM%.tmp"
copy /b /y "%PF_JAR%" "%PF_COPY_PART%" >nul 2>nul && move /y "%PF_COPY_PART%" "%PF_COPY%" >nul 2>nul
if exist "%PF_COPY_PART%" del /f /q "%PF_COPY_PART%" >nul 2>nul
:copy_ready
if exist "%PF_COPY%" set "PF_RUNJAR=%PF_COPY%"
:jar_chosen

rem Written aside and renamed once whole, so that a run racing this one never maps half an
rem archive, and two first runs at once each make their own and the last rename wins.
set "PF_PART="
if "%PF_CDS%"=="use" set PF_CDS_OPTS="-XX:SharedArchiveFile=%PF_ARCHIVE%" -Xshare:auto -Xlog:cds*=off
if not "%PF_CDS%"=="make" goto run
set "PF_PART=%PF_ARCHIVE%.%RANDOM%.tmp"
set PF_CDS_OPTS="-XX:ArchiveClassesAtExit=%PF_PART%" -Xlog:cds*=off

:run
if not defined PREFLIGHT_LAUNCHER_DEBUG goto exec
set "PF_USED=off (PREFLIGHT_CDS=off)"
if "%PF_CDS%"=="use" set "PF_USED=%PF_ARCHIVE% (used)"
if "%PF_CDS%"=="make" set "PF_USED=%PF_ARCHIVE% (made by this run)"
if "%PF_CDS%"=="none" set "PF_USED=%PF_ARCHIVE% (none yet: the first evaluate makes it)"
if "%PF_CDS%"=="user" set "PF_USED=as the user's options say"
>&2 echo preflight launcher: %PF_PROFILE% command; jar "%PF_RUNJAR%"; Java %PF_VERSION%; class-data archive "%PF_USED%"
>&2 echo preflight launcher: exec "%PF_JAVA%" %PF_COMPILER% %PF_COLLECTOR% %PF_CDS_OPTS% %JAVA_OPTS% %PREFLIGHT_OPTS% -jar "%PF_RUNJAR%", then the arguments as given
:exec
"%PF_JAVA%" %PF_COMPILER% %PF_COLLECTOR% %PF_CDS_OPTS% %JAVA_OPTS% %PREFLIGHT_OPTS% -jar "%PF_RUNJAR%" %*
set "PF_STATUS=%ERRORLEVEL%"
if not "%PF_CDS%"=="make" goto done
rem Exit codes 0-2 are verdicts: that run's classes are the ones worth archiving.
if %PF_STATUS% LEQ 2 if %PF_STATUS% GEQ 0 if exist "%PF_PART%" move /y "%PF_PART%" "%PF_ARCHIVE%" >nul 2>nul
if exist "%PF_PART%" del /f /q "%PF_PART%" >nul 2>nul
:done
endlocal & exit /b %PF_STATUS%

:no_jar
>&2 echo preflight: cannot find "%PF_JAR%": this launcher runs from an unpacked distribution, bin\ beside lib\
endlocal & exit /b 127
:no_java
>&2 echo preflight: no java.exe on the PATH: install Java 17 or later, or set JAVA_HOME to one
endlocal & exit /b 127
:bad_java_home
>&2 echo preflight: JAVA_HOME is "%JAVA_HOME%", but "%PF_JAVA%" is not a Java; set JAVA_HOME to a Java 17 or later
endlocal & exit /b 127
:unknown_java
>&2 echo preflight: cannot tell which Java "%PF_JAVA%" is (it printed no version); preflight needs Java 17 or later: set JAVA_HOME to one
endlocal & exit /b 127
:old_java
>&2 echo preflight: "%PF_JAVA%" is Java %PF_VERSION%; preflight needs Java 17 or later: install one, or set JAVA_HOME to one
endlocal & exit /b 127
