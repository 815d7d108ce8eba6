@echo off
rem Drop a folder of plans onto this file: chuyende builds every paper of
rem every plan in it into the folder beside it whose name ends in " - PDF".
chcp 65001 >nul
if "%~1"=="" (
	echo Keo mot thu muc ke hoach tha vao tep nay.
	pause
	exit /b 2
)
"%~dp0chuyende.exe" build "%~1" -o "%~1 - PDF"
echo.
pause
