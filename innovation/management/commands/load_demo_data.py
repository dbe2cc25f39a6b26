from django.core.management.base import BaseCommand

from challenges import demo as challenges_demo
from challenges import demo_assessments
from innovation import demo
from labs import demo as labs_demo


class Command(BaseCommand):
    help = "Load (or refresh) the fictional demo data. Safe to run again."

    def handle(self, *args, **options) -> None:
        people = demo.load_people()
        challenges_demo.load(people=people)
        demo_assessments.load(people=people)
        labs_demo.load(people=people)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo logins (password: {demo.DEMO_PASSWORD}):"))
        for login in demo.DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<18} {login.email}")
