from django.core.management.base import BaseCommand

from innovation import demo


class Command(BaseCommand):
    help = "Load (or refresh) the fictional demo data. Safe to run again."

    def handle(self, *args, **options) -> None:
        people = demo.load_people()
        for loader in demo.DEMO_LOADERS:
            loader(people=people)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo logins (password: {demo.DEMO_PASSWORD}):"))
        for login in demo.DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<18} {login.email}")
