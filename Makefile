# The two Quick start commands (README.md). The work is in site/scripts/.
.PHONY: run test messages

run:  ## set up, load the demo platform (two municipalities), serve http://127.0.0.1:8000/ (with the search node when Java 17 is there)
	bash site/scripts/run.sh

test:  ## the whole test suite, on SQLite and PostgreSQL (CI runs this)
	bash site/scripts/test.sh

messages:  ## refresh and compile the Thai catalogues of our apps
	for app in pb_pages consultation_blocks search theme; do \
	  (cd $$app && ../.venv/bin/django-admin makemessages -l th --ignore "node_modules/*" --ignore "admin_locale/*" && \
	   ../.venv/bin/django-admin compilemessages -l th --ignore "admin_locale/*"); done
